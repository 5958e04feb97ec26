//! The demo council's content in Welsh (every service, heading, question, notice and
//! published standard) and in Arabic (the ten most used services, their questions and
//! the promises their pages show), so a Welsh and a right-to-left journey can each be
//! walked from the list of services to the acknowledgement. Stored as an administrator
//! or a translator's PO file would store them (`translations::db`).

use crate::db::Db;
use crate::language::Language;
use crate::translations::{self, Item};

/// Welsh, by item key. A notice's strings are `notice/title` and `notice/body`: the demo
/// has one notice, whose id is known only once it is stored.
pub const WELSH: &[(&str, &str)] = &[
    ("group/Bins, waste and recycling", "Biniau, gwastraff ac ailgylchu"),
    ("group/Council tax", "Treth gyngor"),
    ("group/Benefits and support", "Budd-daliadau a chymorth"),
    ("group/Housing", "Tai"),
    ("group/Births, deaths and marriages", "Genedigaethau, marwolaethau a phriodasau"),
    ("group/Roads, streets and lighting", "Ffyrdd, strydoedd a goleuadau"),
    ("group/Parking", "Parcio"),
    ("group/Environmental health", "Iechyd yr amgylchedd"),
    ("group/Planning and building", "Cynllunio ac adeiladu"),
    ("group/Libraries and leisure", "Llyfrgelloedd a hamdden"),
    ("group/Contact the council", "Cysylltu â'r cyngor"),
    ("group/Your information", "Eich gwybodaeth"),
    ("service/missed-bin/name", "Rhoi gwybod am fin heb ei gasglu"),
    ("service/missed-bin/description", "Rhowch wybod i ni os na chafodd eich bin ei wagio ar eich diwrnod casglu."),
    ("service/new-bin/name", "Archebu bin newydd neu fin newydd yn lle hen un"),
    (
        "service/new-bin/description",
        "Gofynnwch am fin newydd os yw eich un chi wedi'i ddifrodi neu ei ddwyn, neu os ydych newydd symud i mewn.",
    ),
    ("service/bulky-waste/name", "Trefnu casgliad gwastraff swmpus"),
    ("service/bulky-waste/description", "Gofynnwch i ni gasglu eitemau mawr fel dodrefn ac oergelloedd."),
    ("service/garden-waste/name", "Tanysgrifiad gwastraff gardd"),
    ("service/garden-waste/description", "Cwestiynau am eich tanysgrifiad gwastraff gardd a'ch casgliadau."),
    ("service/fly-tipping/name", "Rhoi gwybod am dipio anghyfreithlon"),
    (
        "service/fly-tipping/description",
        "Rhowch wybod i ni am sbwriel sydd wedi'i adael ar y stryd neu mewn man cyhoeddus.",
    ),
    ("service/ctax-move/name", "Dweud wrthym eich bod yn symud tŷ (treth gyngor)"),
    (
        "service/ctax-move/description",
        "Rhowch wybod i ni pan fyddwch yn symud i mewn neu allan er mwyn i'ch bil treth gyngor fod yn gywir.",
    ),
    ("service/ctax-discount/name", "Gwneud cais am ostyngiad treth gyngor"),
    ("service/ctax-discount/description", "Gofynnwch am ostyngiad person sengl neu ostyngiad arall."),
    ("service/ctax-bill/name", "Gofyn am eich bil treth gyngor"),
    ("service/ctax-bill/description", "Cwestiynau am eich bil, eich rhandaliadau neu daliad."),
    ("service/business-rates/name", "Gofyn am ardrethi busnes"),
    ("service/business-rates/description", "Cwestiynau am filiau ardrethi busnes a rhyddhad."),
    ("service/housing-benefit/name", "Gofyn am fudd-dal tai"),
    ("service/housing-benefit/description", "Cwestiynau am gais neu daliad budd-dal tai."),
    ("service/ctax-support/name", "Gwneud cais am gymorth gyda'r dreth gyngor"),
    ("service/ctax-support/description", "Gofynnwch am help i dalu'r dreth gyngor os ydych ar incwm isel."),
    ("service/hardship/name", "Gofyn am gymorth caledi"),
    ("service/hardship/description", "Help gyda bwyd, ynni neu gostau hanfodol mewn argyfwng."),
    ("service/housing-repair/name", "Rhoi gwybod am waith trwsio yn eich cartref cyngor"),
    (
        "service/housing-repair/description",
        "Rhowch wybod am waith trwsio mewn cartref sy'n eiddo i'r cyngor. Bydd ein contractwr atgyweirio yn ei drefnu.",
    ),
    ("service/damp-mould/name", "Rhoi gwybod am leithder neu lwydni yn eich cartref cyngor"),
    ("service/damp-mould/description", "Rhowch wybod i ni am leithder neu lwydni er mwyn i ni allu ei archwilio."),
    ("service/ctax-advice/name", "Trefnu apwyntiad cyngor ar y dreth gyngor"),
    (
        "service/ctax-advice/description",
        "Siaradwch wyneb yn wyneb ag ymgynghorydd am eich bil, ôl-ddyledion neu gynllun talu.",
    ),
    ("service/housing-options/name", "Trefnu apwyntiad opsiynau tai"),
    (
        "service/housing-options/description",
        "Cwrdd ag ymgynghorydd opsiynau tai ynghylch dod o hyd i gartref neu aros yn eich cartref.",
    ),
    ("service/register-birth/name", "Trefnu apwyntiad i gofrestru genedigaeth"),
    (
        "service/register-birth/description",
        "Cofrestrwch enedigaeth gyda'r cofrestrydd yn neuadd y dref, o fewn 42 diwrnod.",
    ),
    ("service/homeless/name", "Cael help os ydych yn ddigartref neu mewn perygl o fod"),
    (
        "service/homeless/description",
        "Cysylltwch â ni os nad oes gennych unman i aros neu os gallech golli eich cartref.",
    ),
    ("service/housing-register/name", "Gofyn am y gofrestr tai"),
    ("service/housing-register/description", "Cwestiynau am ymuno â'r gofrestr tai neu symud arni."),
    ("service/asb/name", "Rhoi gwybod am ymddygiad gwrthgymdeithasol"),
    ("service/asb/description", "Rhowch wybod i ni am ymddygiad gwrthgymdeithasol ger eich cartref."),
    ("service/pothole/name", "Rhoi gwybod am dwll yn y ffordd"),
    ("service/pothole/description", "Rhowch wybod i ni am dwll yn y ffordd neu wyneb ffordd sydd wedi'i ddifrodi."),
    ("service/streetlight/name", "Rhoi gwybod am olau stryd diffygiol"),
    (
        "service/streetlight/description",
        "Rhowch wybod i ni am olau stryd sydd wedi diffodd, yn fflachio neu wedi'i ddifrodi.",
    ),
    ("service/pavement/name", "Rhoi gwybod am balmant wedi'i ddifrodi"),
    ("service/pavement/description", "Rhowch wybod i ni am balmant sydd wedi torri neu sy'n anwastad."),
    ("service/street-cleaning/name", "Rhoi gwybod am stryd fudr neu sbwriel"),
    (
        "service/street-cleaning/description",
        "Rhowch wybod i ni am sbwriel, gwydr wedi torri neu stryd sydd angen ei glanhau.",
    ),
    ("service/graffiti/name", "Rhoi gwybod am graffiti"),
    ("service/graffiti/description", "Rhowch wybod i ni am graffiti ar eiddo cyhoeddus."),
    ("service/trees/name", "Rhoi gwybod am broblem gyda choeden stryd"),
    (
        "service/trees/description",
        "Rhowch wybod i ni am goeden stryd sydd wedi cwympo, sy'n beryglus neu sydd wedi gordyfu.",
    ),
    ("service/parking-permit/name", "Gwneud cais am drwydded barcio neu ei newid"),
    ("service/parking-permit/description", "Trwyddedau parcio i breswylwyr ac ymwelwyr."),
    ("service/pcn-challenge/name", "Herio dirwy barcio"),
    ("service/pcn-challenge/description", "Gwnewch her anffurfiol i hysbysiad tâl cosb."),
    ("service/illegal-parking/name", "Rhoi gwybod am barcio anghyfreithlon"),
    (
        "service/illegal-parking/description",
        "Rhowch wybod i ni am gar sydd wedi'i barcio'n anghyfreithlon neu sy'n rhwystro dreif.",
    ),
    ("service/abandoned-vehicle/name", "Rhoi gwybod am gerbyd wedi'i adael"),
    ("service/abandoned-vehicle/description", "Rhowch wybod i ni am gerbyd sydd i bob golwg wedi'i adael."),
    ("service/noise/name", "Rhoi gwybod am niwsans sŵn"),
    ("service/noise/description", "Rhowch wybod i ni am sŵn o gartrefi, busnesau neu waith adeiladu."),
    ("service/food-hygiene/name", "Rhoi gwybod am broblem hylendid bwyd"),
    (
        "service/food-hygiene/description",
        "Rhowch wybod i ni am fusnes bwyd sydd, yn eich barn chi, yn anniogel neu'n aflan.",
    ),
    ("service/pests/name", "Trefnu rheoli plâu"),
    ("service/pests/description", "Gofynnwch i ni ddelio â llygod mawr, llygod, gwenyn meirch neu lau gwely."),
    ("service/dog-fouling/name", "Rhoi gwybod am faw cŵn"),
    ("service/dog-fouling/description", "Rhowch wybod i ni ble mae baw cŵn yn broblem."),
    ("service/planning-enquiry/name", "Gofyn am gais cynllunio"),
    ("service/planning-enquiry/description", "Cwestiynau am gais a wnaethoch chi neu un yn agos atoch."),
    ("service/planning-breach/name", "Rhoi gwybod am achos posibl o dorri rheolau cynllunio"),
    ("service/planning-breach/description", "Rhowch wybod i ni am waith adeiladu efallai heb ganiatâd."),
    ("service/dangerous-structure/name", "Rhoi gwybod am adeilad neu wal beryglus"),
    ("service/dangerous-structure/description", "Rhowch wybod i ni am strwythur a allai ddymchwel."),
    ("service/library/name", "Gofyn am lyfrgelloedd"),
    ("service/library/description", "Aelodaeth llyfrgell, oriau agor, digwyddiadau a llyfrau."),
    ("service/parks/name", "Rhoi gwybod am broblem mewn parc"),
    ("service/parks/description", "Rhowch wybod i ni am offer chwarae, meinciau neu lwybrau wedi'u difrodi mewn parc."),
    ("service/councillor-enquiry/name", "Ymholiad gan gynghorydd"),
    (
        "service/councillor-enquiry/description",
        "I gynghorwyr sy'n gofyn ar ran preswylydd. Mae cynghorwyr yn defnyddio eu tudalen eu hunain yn y gweithle staff.",
    ),
    ("service/general/name", "Gofyn rhywbeth arall i ni"),
    (
        "service/general/description",
        "Ar gyfer unrhyw beth nad yw wedi'i restru. Bydd ymgynghorydd yn ei ddarllen ac yn ei anfon at y tîm cywir.",
    ),
    ("service/complaint/name", "Gwneud cwyn"),
    ("service/complaint/description", "Rhowch wybod i ni os gwnaethom rywbeth o'i le. Byddwn yn ymchwilio ac yn ateb."),
    ("service/compliment/name", "Rhoi canmoliaeth"),
    ("service/compliment/description", "Rhowch wybod i ni pan wnaeth rhywun waith da."),
    ("service/callback/name", "Gofyn i ni eich ffonio'n ôl"),
    ("service/callback/description", "Gofynnwch i ymgynghorydd eich ffonio ar adeg sy'n gyfleus i chi."),
    ("service/foi/name", "Gwneud cais Rhyddid Gwybodaeth"),
    ("service/foi/description", "Gofynnwch am wybodaeth sydd gan y cyngor."),
    ("service/eir/name", "Gofyn am wybodaeth amgylcheddol"),
    ("service/eir/description", "Gofynnwch am wybodaeth am yr amgylchedd, fel ansawdd aer neu dir."),
    ("service/sar/name", "Gofyn am eich gwybodaeth bersonol"),
    ("service/sar/description", "Gwnewch gais am fynediad at wybodaeth sydd gennym amdanoch chi."),
    ("service/erasure/name", "Gofyn i ni ddileu eich gwybodaeth bersonol"),
    (
        "service/erasure/description",
        "Gofynnwch i ni ddileu'r wybodaeth bersonol sydd gennym amdanoch (yr hawl i ddileu).",
    ),
    ("service/rectification/name", "Gofyn i ni gywiro eich gwybodaeth bersonol"),
    (
        "service/rectification/description",
        "Rhowch wybod i ni fod gwybodaeth sydd gennym amdanoch yn anghywir, a gofynnwch i ni ei chywiro.",
    ),
    ("service/restriction/name", "Gofyn i ni roi'r gorau i ddefnyddio eich gwybodaeth bersonol"),
    (
        "service/restriction/description",
        "Gofynnwch i ni roi'r gorau i ddefnyddio eich gwybodaeth tra bo rhywbeth yn cael ei wirio (yr hawl i gyfyngu ar brosesu).",
    ),
    ("question/missed-bin/bin/label", "Pa fin a gafodd ei fethu?"),
    ("choice/missed-bin/bin/black", "Bin du (sbwriel)"),
    ("choice/missed-bin/bin/blue", "Bin glas (ailgylchu)"),
    ("choice/missed-bin/bin/green", "Bin gwyrdd (gwastraff gardd)"),
    ("choice/missed-bin/bin/food", "Cadi gwastraff bwyd"),
    ("question/missed-bin/due/label", "Pryd ddylai fod wedi cael ei gasglu?"),
    ("question/missed-bin/due/hint", "Er enghraifft, 27 3 2026"),
    ("question/fly-tipping/what/label", "Beth sydd wedi'i adael?"),
    ("question/fly-tipping/what/hint", "Dewiswch bob un sy'n berthnasol"),
    ("choice/fly-tipping/what/bags", "Bagiau du"),
    ("choice/fly-tipping/what/furniture", "Dodrefn neu fatresi"),
    ("choice/fly-tipping/what/building", "Rwbel adeiladu"),
    ("choice/fly-tipping/what/electrical", "Oergelloedd neu eitemau trydanol"),
    ("choice/fly-tipping/what/hazardous", "Cemegion, asbestos neu nodwyddau"),
    ("choice/fly-tipping/what/other", "Rhywbeth arall"),
    ("question/pothole/width/label", "Tua pa mor llydan ydyw, mewn centimetrau?"),
    ("question/pothole/width/hint", "Mae amcangyfrif yn iawn"),
    ("question/abandoned-vehicle/registration/label", "Rhif cofrestru, os gallwch ei weld"),
    ("notice/title", "Mae casgliadau ddiwrnod yn hwyr yr wythnos hon"),
    (
        "notice/body",
        "Oherwydd bod lori wedi torri i lawr, mae biniau yn Northgate a Riverside yn cael eu gwagio ddiwrnod yn hwyrach nag arfer yr wythnos hon. Gadewch eich bin allan a byddwn yn ei wagio. Nid oes angen i chi roi gwybod ei fod wedi'i fethu oni bai ei fod yn dal yn llawn ddau ddiwrnod ar ôl eich diwrnod arferol.",
    ),
    ("standard/phone-answer/title", "Galwadau ffôn yn cael eu hateb"),
    (
        "standard/phone-answer/wording",
        "Rydym yn ateb galwadau ffôn o fewn 30 eiliad. Ar linellau prysur rydym yn dweud wrthych pa mor hir yw'r aros ac yn cynnig ffyrdd eraill o gysylltu â ni.",
    ),
    ("standard/online-acknowledge/title", "Cydnabod ffurflenni ar-lein a negeseuon e-bost"),
    ("standard/online-acknowledge/wording", "Rydym yn cydnabod ffurflenni ar-lein a negeseuon e-bost o fewn 24 awr."),
    ("standard/online-reply/title", "Ateb ffurflenni ar-lein a negeseuon e-bost"),
    (
        "standard/online-reply/wording",
        "Rydym yn ateb ffurflenni ar-lein a negeseuon e-bost o fewn 3 diwrnod gwaith. Mae negeseuon a anfonir ar ôl 5pm neu ar ddiwrnod nad yw'n ddiwrnod gwaith yn cyfrif o'r diwrnod gwaith nesaf. Os bydd yn cymryd mwy o amser, byddwn yn dweud wrthych y dyddiad newydd a pham.",
    ),
    ("standard/callback-made/title", "Galwadau'n ôl a wnaed"),
    (
        "standard/callback-made/wording",
        "Pan fyddwch yn gofyn i ni eich ffonio'n ôl, bydd ymgynghorydd yn eich ffonio ar yr adeg a ddewisoch: y bore yma, y prynhawn yma, neu fore neu brynhawn y diwrnod gwaith nesaf. Os gofynnwch am yr amser cyntaf posibl, byddwn yn eich ffonio o fewn 1 diwrnod gwaith; mae ceisiadau a wneir ar ôl 5pm neu ar ddiwrnod nad yw'n ddiwrnod gwaith yn cyfrif o'r diwrnod gwaith nesaf.",
    ),
    ("standard/letter-reply/title", "Ateb llythyrau"),
    (
        "standard/letter-reply/wording",
        "Rydym yn ateb llythyrau o fewn 5 diwrnod gwaith i'w derbyn. Os bydd yn cymryd mwy o amser, byddwn yn dweud wrthych y dyddiad newydd a pham.",
    ),
    ("standard/spoken-reply/title", "Dilyn galwadau ac ymweliadau"),
    (
        "standard/spoken-reply/wording",
        "Os na allwn ddatrys yr hyn y gwnaethoch ffonio neu ymweld â ni yn ei gylch yn y fan a'r lle, byddwn yn ateb o fewn 3 diwrnod gwaith. Mae galwadau ac ymweliadau ar ôl 5pm neu ar ddiwrnod nad yw'n ddiwrnod gwaith yn cyfrif o'r diwrnod gwaith nesaf. Os bydd yn cymryd mwy o amser, byddwn yn dweud wrthych y dyddiad newydd a pham.",
    ),
    ("standard/request-resolved/title", "Delio â cheisiadau"),
    (
        "standard/request-resolved/wording",
        "Rydym yn delio ag ymholiadau a cheisiadau am wasanaeth o fewn 10 diwrnod gwaith i'w derbyn, sut bynnag y gwnaethoch gysylltu â ni. Tra byddwn yn aros am rywbeth y gofynnwyd i chi amdano, mae'r cloc yn stopio. Os bydd yn cymryd mwy o amser, byddwn yn dweud wrthych y dyddiad newydd a pham.",
    ),
    ("standard/reopened-resolved/title", "Delio ag achosion a ailagorwyd"),
    (
        "standard/reopened-resolved/wording",
        "Os dywedwch wrthym nad yw rhywbeth y dywedasom ei fod wedi'i ddatrys wedi'i ddatrys, byddwn yn ailagor eich achos ac yn delio ag ef o fewn 5 diwrnod gwaith.",
    ),
    ("standard/foi-acknowledge-online/title", "Cydnabod ceisiadau am wybodaeth (ar-lein ac e-bost)"),
    (
        "standard/foi-acknowledge-online/wording",
        "Rydym yn cydnabod ceisiadau Rhyddid Gwybodaeth a cheisiadau am wybodaeth amgylcheddol a anfonir ar-lein neu drwy e-bost o fewn 24 awr.",
    ),
    ("standard/foi-acknowledge-letter/title", "Cydnabod ceisiadau am wybodaeth (llythyr, ffôn neu wyneb yn wyneb)"),
    (
        "standard/foi-acknowledge-letter/wording",
        "Rydym yn cydnabod ceisiadau Rhyddid Gwybodaeth a cheisiadau am wybodaeth amgylcheddol a wneir drwy lythyr, dros y ffôn neu wyneb yn wyneb o fewn 5 diwrnod gwaith.",
    ),
    ("standard/foi-respond/title", "Ateb ceisiadau Rhyddid Gwybodaeth"),
    (
        "standard/foi-respond/wording",
        "Rydym yn ateb ceisiadau Rhyddid Gwybodaeth heb fod yn hwyrach na'r 20fed diwrnod gwaith ar ôl i ni eu derbyn. Os oes angen i ni ofyn beth rydych yn ei olygu, mae'r 20 diwrnod yn dechrau eto pan fyddwch yn ateb.",
    ),
    ("standard/foi-review/title", "Ateb adolygiadau mewnol Rhyddid Gwybodaeth"),
    (
        "standard/foi-review/wording",
        "Os ydych yn anhapus â'n hateb i gais Rhyddid Gwybodaeth, gallwch ofyn am adolygiad mewnol. Mae rhywun na wnaeth y penderfyniad cyntaf yn ei wneud, o fewn 20 diwrnod gwaith, neu 40 mewn achosion eithriadol, pan fyddwn yn dweud wrthych pam.",
    ),
    ("standard/eir-review/title", "Ateb adolygiadau gwybodaeth amgylcheddol"),
    (
        "standard/eir-review/wording",
        "Os ydych yn anhapus â'n hateb i gais am wybodaeth amgylcheddol, gallwch ofyn i ni ei ailystyried. Mae rhywun na wnaeth y penderfyniad cyntaf yn ei wneud, o fewn 40 diwrnod gwaith.",
    ),
    ("standard/eir-respond/title", "Ateb ceisiadau am wybodaeth amgylcheddol"),
    (
        "standard/eir-respond/wording",
        "Rydym yn ateb ceisiadau am wybodaeth amgylcheddol o fewn 20 diwrnod gwaith, neu 40 os yw cais yn gymhleth ac yn fawr, ac os felly byddwn yn dweud wrthych o fewn yr 20 cyntaf.",
    ),
    ("standard/sar-respond/title", "Ateb ceisiadau gwrthrych am wybodaeth"),
    (
        "standard/sar-respond/wording",
        "Rydym yn ateb ceisiadau am eich gwybodaeth bersonol o fewn un mis calendr. Tra byddwn yn aros am brawf adnabod neu i chi ddweud wrthym beth sydd ei angen arnoch, mae'r cloc yn stopio. Os yw'r cais yn gymhleth gallwn gymryd hyd at ddau fis arall, a byddwn yn dweud wrthych o fewn y mis cyntaf.",
    ),
    ("standard/rights-respond/title", "Ateb ceisiadau i ddileu, cywiro neu gyfyngu ar eich gwybodaeth"),
    (
        "standard/rights-respond/wording",
        "Os gofynnwch i ni ddileu, cywiro neu roi'r gorau i ddefnyddio eich gwybodaeth bersonol, byddwn yn ateb o fewn un mis calendr. Tra byddwn yn aros am brawf adnabod, mae'r cloc yn stopio. Os yw'r cais yn gymhleth gallwn gymryd hyd at ddau fis arall, a byddwn yn dweud wrthych o fewn y mis cyntaf.",
    ),
    ("standard/complaint-stage1-acknowledge/title", "Cydnabod cwynion (cam 1)"),
    ("standard/complaint-stage1-acknowledge/wording", "Rydym yn cydnabod cwyn o fewn 5 diwrnod gwaith i'w derbyn."),
    ("standard/complaint-stage1-respond/title", "Ateb cwynion (cam 1)"),
    (
        "standard/complaint-stage1-respond/wording",
        "Rydym yn ateb cwyn o fewn 10 diwrnod gwaith i'w chydnabod. Os oes angen mwy o amser arnom, byddwn yn dweud wrthych pam a'r dyddiad newydd, sydd ddim mwy na 10 diwrnod gwaith yn ddiweddarach.",
    ),
    ("standard/complaint-stage2-acknowledge/title", "Cydnabod cwynion (cam 2)"),
    (
        "standard/complaint-stage2-acknowledge/wording",
        "Os gofynnwch i ni fynd â'ch cwyn i gam 2, byddwn yn cydnabod hynny o fewn 5 diwrnod gwaith.",
    ),
    ("standard/complaint-stage2-respond/title", "Ateb cwynion (cam 2)"),
    (
        "standard/complaint-stage2-respond/wording",
        "Rydym yn rhoi ein hateb terfynol yng ngham 2 o fewn 20 diwrnod gwaith i gydnabod y cais. Os oes angen mwy o amser arnom, byddwn yn dweud wrthych pam a'r dyddiad newydd, sydd ddim mwy na 20 diwrnod gwaith yn ddiweddarach.",
    ),
    ("standard/visitor-seen/title", "Gweld ymwelwyr yn y dderbynfa"),
    (
        "standard/visitor-seen/wording",
        "Os byddwch yn ymweld â ni, byddwn yn eich gweld o fewn 15 munud i chi gyrraedd, neu'n dweud wrthych pam a pha mor hir y bydd.",
    ),
    ("standard/appointment-started/title", "Apwyntiadau'n dechrau ar amser"),
    (
        "standard/appointment-started/wording",
        "Os oes gennych apwyntiad, byddwn yn eich gweld o fewn 5 munud i'r amser a roesom i chi.",
    ),
    ("standard/change-notified/title", "Rhoi gwybod am newidiadau i apwyntiadau ac ymweliadau"),
    (
        "standard/change-notified/wording",
        "Os oes angen i ni newid neu ganslo apwyntiad neu ymweliad â'ch cartref, byddwn yn dweud wrthych o leiaf 24 awr cyn yr oedd i fod.",
    ),
    ("standard/officer-arrived/title", "Swyddogion yn cyrraedd eich cartref ar amser"),
    (
        "standard/officer-arrived/wording",
        "Os bydd un o'n swyddogion yn ymweld â'ch cartref, bydd yn cyrraedd o fewn 15 munud i'r amser a drefnwyd ac yn dangos ei gerdyn adnabod i chi. Gallwch wirio rhif y cerdyn yn /check-officer.",
    ),
    ("standard/councillor-enquiry-answered/title", "Ateb ymholiadau cynghorwyr"),
    (
        "standard/councillor-enquiry-answered/wording",
        "Pan fydd cynghorydd yn gofyn rhywbeth i ni ar ran preswylydd, byddwn yn ateb o fewn 10 diwrnod gwaith. Os bydd yn cymryd mwy o amser, byddwn yn dweud wrth y cynghorydd y dyddiad newydd a pham.",
    ),
];

/// Arabic for the ten most used services (by the demo's weights), their headings and
/// questions, and the promises an online form makes.
pub const ARABIC: &[(&str, &str)] = &[
    ("group/Bins, waste and recycling", "الصناديق والنفايات وإعادة التدوير"),
    ("group/Council tax", "ضريبة المجلس"),
    ("group/Housing", "الإسكان"),
    ("group/Roads, streets and lighting", "الطرق والشوارع والإنارة"),
    ("group/Parking", "مواقف السيارات"),
    ("group/Contact the council", "التواصل مع المجلس"),
    ("service/missed-bin/name", "الإبلاغ عن صندوق لم يُجمع"),
    ("service/missed-bin/description", "أخبرنا إذا لم يُفرغ صندوقك في يوم الجمع المحدد لك."),
    ("service/housing-repair/name", "الإبلاغ عن إصلاح في مسكنك التابع للمجلس"),
    ("service/housing-repair/description", "أبلغ عن إصلاح في مسكن يملكه المجلس. سيرتبه متعهد الإصلاحات لدينا."),
    ("service/pothole/name", "الإبلاغ عن حفرة في الطريق"),
    ("service/pothole/description", "أخبرنا عن حفرة أو سطح طريق متضرر."),
    ("service/new-bin/name", "طلب صندوق جديد أو بديل"),
    ("service/new-bin/description", "اطلب صندوقًا جديدًا إذا تضرر صندوقك أو سُرق أو انتقلت إلى مسكن جديد."),
    ("service/ctax-bill/name", "الاستفسار عن فاتورة ضريبة المجلس"),
    ("service/ctax-bill/description", "أسئلة عن فاتورتك أو أقساطك أو دفعة ما."),
    ("service/fly-tipping/name", "الإبلاغ عن رمي النفايات بشكل غير قانوني"),
    ("service/fly-tipping/description", "أخبرنا عن نفايات أُلقيت في الشارع أو في مكان عام."),
    ("service/ctax-move/name", "أخبرنا بأنك تنتقل من مسكنك (ضريبة المجلس)"),
    ("service/ctax-move/description", "أخبرنا عند انتقالك إلى مسكن أو خروجك منه لتكون فاتورة ضريبة المجلس صحيحة."),
    ("service/general/name", "اسألنا عن شيء آخر"),
    ("service/general/description", "لأي أمر غير مذكور. سيقرؤه أحد المستشارين ويحيله إلى الفريق المناسب."),
    ("service/parking-permit/name", "طلب تصريح وقوف أو تغييره"),
    ("service/parking-permit/description", "تصاريح الوقوف للسكان والزوار."),
    ("service/bulky-waste/name", "حجز جمع النفايات الكبيرة"),
    ("service/bulky-waste/description", "اطلب منا جمع الأغراض الكبيرة مثل الأثاث والثلاجات."),
    ("question/missed-bin/bin/label", "أي صندوق لم يُجمع؟"),
    ("choice/missed-bin/bin/black", "الصندوق الأسود (النفايات)"),
    ("choice/missed-bin/bin/blue", "الصندوق الأزرق (إعادة التدوير)"),
    ("choice/missed-bin/bin/green", "الصندوق الأخضر (نفايات الحدائق)"),
    ("choice/missed-bin/bin/food", "حاوية بقايا الطعام"),
    ("question/missed-bin/due/label", "متى كان يجب أن يُجمع؟"),
    ("question/missed-bin/due/hint", "مثلًا، 27 3 2026"),
    ("question/fly-tipping/what/label", "ما الذي أُلقي؟"),
    ("question/fly-tipping/what/hint", "اختر كل ما ينطبق"),
    ("choice/fly-tipping/what/bags", "أكياس سوداء"),
    ("choice/fly-tipping/what/furniture", "أثاث أو مراتب"),
    ("choice/fly-tipping/what/building", "أنقاض بناء"),
    ("choice/fly-tipping/what/electrical", "ثلاجات أو أجهزة كهربائية"),
    ("choice/fly-tipping/what/hazardous", "مواد كيميائية أو أسبستوس أو إبر"),
    ("choice/fly-tipping/what/other", "شيء آخر"),
    ("question/pothole/width/label", "كم يبلغ عرضها تقريبًا بالسنتيمتر؟"),
    ("question/pothole/width/hint", "التقدير يكفي"),
    ("notice/title", "عمليات الجمع متأخرة يومًا هذا الأسبوع"),
    (
        "notice/body",
        "بسبب تعطل شاحنة، تُفرغ الصناديق في نورثغيت وريفرسايد متأخرة يومًا عن المعتاد هذا الأسبوع. اترك صندوقك في الخارج وسنفرغه. لا حاجة للإبلاغ عنه إلا إذا بقي ممتلئًا بعد يومين من يومك المعتاد.",
    ),
    ("standard/online-acknowledge/title", "تأكيد استلام النماذج والرسائل الإلكترونية"),
    ("standard/online-acknowledge/wording", "نؤكد استلام النماذج الإلكترونية ورسائل البريد الإلكتروني خلال 24 ساعة."),
    ("standard/online-reply/title", "الرد على النماذج والرسائل الإلكترونية"),
    (
        "standard/online-reply/wording",
        "نرد على النماذج الإلكترونية ورسائل البريد الإلكتروني خلال 3 أيام عمل. تُحتسب الرسائل المرسلة بعد الساعة 5 مساءً أو في يوم عطلة من يوم العمل التالي. إذا احتاج الأمر وقتًا أطول، نخبرك بالموعد الجديد وسببه.",
    ),
    ("standard/request-resolved/title", "معالجة الطلبات"),
    (
        "standard/request-resolved/wording",
        "نعالج الاستفسارات وطلبات الخدمة خلال 10 أيام عمل من استلامها، أيًا كانت طريقة تواصلك معنا. يتوقف الاحتساب بينما ننتظر منك شيئًا طلبناه. إذا احتاج الأمر وقتًا أطول، نخبرك بالموعد الجديد وسببه.",
    ),
    ("standard/reopened-resolved/title", "معالجة الحالات المعاد فتحها"),
    (
        "standard/reopened-resolved/wording",
        "إذا أخبرتنا أن أمرًا قلنا إنه حُل لم يُحل، نعيد فتح حالتك ونعالجها خلال 5 أيام عمل.",
    ),
];

/// The services the Arabic covers: the ten most used.
pub fn most_used(count: usize) -> Vec<&'static str> {
    let mut services: Vec<_> = super::catalogue::SERVICES.iter().collect();
    services.sort_by_key(|s| std::cmp::Reverse(s.weight));
    services.into_iter().take(count).map(|s| s.code).collect()
}

/// Stores both languages against today's English. A key that names nothing there is an
/// error: the table and the catalogue have drifted apart.
pub async fn store(db: &Db, rules: &crate::standards::Rules, now: i64) -> anyhow::Result<usize> {
    let items = translations::db::items(db.reader(), rules, now).await?;
    let mut tx = db.begin().await?;
    let mut stored = 0;
    for (code, table) in [("cy", WELSH), ("ar", ARABIC)] {
        let language: Language = crate::language::of_code(code);
        for (key, text) in table {
            let found = items.iter().find(|(item, _)| match item {
                Item::NoticeTitle(_) => *key == "notice/title",
                Item::NoticeBody(_) => *key == "notice/body",
                other => other.key() == *key,
            });
            let Some((item, english)) = found else {
                anyhow::bail!("the demo's {code} translation of {key} names nothing in the catalogue");
            };
            translations::db::save(&mut tx, language, &item.key(), english, text, now).await?;
            stored += 1;
        }
    }
    tx.commit().await?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(table: &[(&str, &str)], key: &str) -> bool {
        table.iter().any(|(k, text)| *k == key && !text.trim().is_empty())
    }

    #[test]
    fn welsh_covers_every_service_heading_and_question_and_arabic_the_ten_most_used() {
        use super::super::{catalogue::SERVICES, questions};
        for s in SERVICES {
            for part in ["name", "description"] {
                assert!(has(WELSH, &format!("service/{}/{part}", s.code)), "Welsh lacks {} {part}", s.code);
            }
            assert!(has(WELSH, &format!("group/{}", s.group)), "Welsh lacks the heading {}", s.group);
        }
        for (service, field) in questions::all() {
            let q = Item::QuestionLabel(service.to_owned(), field.code.clone()).key();
            assert!(has(WELSH, &q), "Welsh lacks {q}");
            if !field.hint.is_empty() {
                assert!(has(WELSH, &Item::QuestionHint(service.to_owned(), field.code.clone()).key()));
            }
            for choice in &field.choices {
                assert!(has(WELSH, &Item::Choice(service.to_owned(), field.code.clone(), choice.key.clone()).key()));
            }
        }
        let top = most_used(10);
        assert_eq!(top.len(), 10);
        for code in top {
            let service = SERVICES.iter().find(|s| s.code == code).unwrap();
            assert!(has(ARABIC, &format!("service/{code}/name")), "Arabic lacks {code}");
            assert!(has(ARABIC, &format!("service/{code}/description")), "Arabic lacks {code}");
            assert!(has(ARABIC, &format!("group/{}", service.group)), "Arabic lacks {}", service.group);
        }
        let keys: std::collections::HashSet<_> = WELSH.iter().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), WELSH.len(), "a Welsh key is given twice");
    }
}
