# Geiriau'r wefan gyhoeddus, yn Gymraeg.

## Y cynllun, ar bob tudalen
skip-to-main = Neidio i'r prif gynnwys
support-links = Dolenni cymorth
footer-all-services = Pob gwasanaeth
footer-contact = Cysylltu â ni
footer-performance = Sut rydym yn perfformio
footer-accessibility = Hygyrchedd
footer-cookies = Cwcis
footer-privacy = Preifatrwydd
footer-disclosure = Log datgelu
language = Iaith
not-translated = Nid yw'r dudalen hon ar gael yn Gymraeg eto, felly mae'n cael ei dangos yn Saesneg.

## Y dudalen flaen
home-title = Cysylltu â'r cyngor
home-heading = Cysylltu â { $council }
home-lead = Rhoi gwybod am broblem, gofyn am wasanaeth neu ofyn cwestiwn i ni. Mae pob neges yn cael cyfeirnod, a gallwch weld pryd y byddwn yn ateb.
home-find-service = Dod o hyd i wasanaeth
home-follow-heading = Dilyn achos
home-reference-label = Eich cyfeirnod
home-reference-hint = Mae yn yr e-bost a anfonwyd atoch, er enghraifft KMB-4K7-9QX
home-find-it = Dod o hyd iddo
home-person-heading = Siarad â pherson
home-person-text = Mae gan bob llinell ffôn opsiwn i siarad ag ymgynghorydd am unrhyw beth.
home-person-contact = Ffoniwch, e-bostiwch neu ymwelwch â ni
home-person-callback = Gofynnwch i ni eich ffonio'n ôl
home-performance-heading = Sut rydym yn perfformio
home-performance-text = Rydym yn cyhoeddi ein haddewidion ac a ydym yn eu cadw, yn fyw.
home-performance-link = Gweld ffigurau'r mis hwn

## Dod o hyd i wasanaeth
services-title = Pob gwasanaeth
services-search-title = Chwilio: { $q }
services-lead = Dewiswch beth rydych am roi gwybod amdano, gofyn amdano neu holi yn ei gylch.
services-search-label = Chwilio am wasanaeth
services-search-hint = Er enghraifft, bin, twll yn y ffordd neu dreth gyngor
services-search-button = Chwilio
services-found = { $count ->
    [0] Does dim gwasanaethau yn cyfateb i “{ $q }”
    [one] Mae 1 gwasanaeth yn cyfateb i “{ $q }”
   *[other] Mae { $count } gwasanaeth yn cyfateb i “{ $q }”
}
services-none-text = Rhowch gynnig ar eiriau eraill, neu edrychwch drwy'r rhestr isod.
services-ask-anything = Gofynnwch unrhyw beth arall i ni
services-contact = Ffoniwch, e-bostiwch neu ymwelwch â ni
services-empty = Does dim gwasanaethau eto.

## Tudalen gwasanaeth
service-back = Yn ôl i bob gwasanaeth
service-covers = Beth mae hyn yn ei gynnwys
service-how = Sut i'w wneud
service-how-text = Defnyddiwch y ffurflen ar-lein unrhyw bryd. Mae'n gofyn dim ond beth sydd ei angen ar y tîm, ac rydych yn cael cyfeirnod ar unwaith.
service-start = Dechrau nawr
service-book = Trefnu apwyntiad
service-or-write = Neu anfonwch neges atom yn lle hynny
service-person = Os na allwch ddefnyddio'r ffurflen, neu os byddai'n well gennych siarad â rhywun:
service-promises = Beth rydym yn ei addo
service-performance = Gweld sut rydym yn cadw ein haddewidion

## Misoedd
month = { $month ->
    [1] Ionawr
    [2] Chwefror
    [3] Mawrth
    [4] Ebrill
    [5] Mai
    [6] Mehefin
    [7] Gorffennaf
    [8] Awst
    [9] Medi
    [10] Hydref
    [11] Tachwedd
   *[12] Rhagfyr
} { $year }

## Cysylltu â ni
contact-lead = Pob ffordd o gysylltu â ni, pryd rydym ar agor, a beth rydym yn ei addo ar gyfer pob un.
contact-online = Ar-lein
contact-online-text = Rhowch wybod am broblem, gofynnwch am rywbeth neu gofynnwch gwestiwn unrhyw bryd. Rydych yn cael cyfeirnod ar unwaith a gallwch ddilyn eich achos.
contact-phone = Ffôn
contact-press = Pan fyddwch yn ffonio, pwyswch:
contact-textphone = Os ydych yn defnyddio ffôn testun, ffoniwch 18001 ac yna'r rhif. Mae galwadau'n costio'r un faint â galwad i linell dir.
contact-wait = Amser aros disgwyliedig nawr:
contact-wait-unknown = Ni allwn ddweud pa mor hir yw'r aros nawr: atebwyd rhy ychydig o alwadau yn ddiweddar.
contact-instead = Neu gwnewch hyn ar-lein nawr, heb aros:
contact-callback-text = Os byddai'n well gennych beidio ag aros ar y ffôn, dywedwch wrthym pryd sy'n gyfleus a bydd ymgynghorydd yn eich ffonio.
contact-callback-link = Dywedwch wrthym pryd i'ch ffonio
contact-email = E-bost
contact-email-text = Mae pob e-bost yn cael cyfeirnod yn yr ateb. Mae ffurflen ar-lein yn gyflymach ar gyfer y rhan fwyaf o bethau, oherwydd mae'n gofyn beth sydd ei angen ar y tîm.
contact-visit = Ymweld â ni
contact-post = Ysgrifennu atom
contact-unhappy = Os nad ydych yn hapus
contact-unhappy-text = Os yw achos wedi mynd heibio'r dyddiad a addawyd gennym, agorwch ef o'r ddolen yn ein e-bost a'i anfon at arweinydd y tîm. Os ydych yn anhapus â sut y gwnaethom ddelio â rhywbeth, gallwch gwyno.
contact-complain = Gwneud cwyn
contact-kept = { $percent }% wedi'u cadw hyd yma ym mis { $month } ({ $met } o { $due })
contact-none-due = Dim un yn ddyledus eto ym mis { $month }

## Dyddiadau
weekday = { $weekday ->
    [1] Dydd Llun
    [2] Dydd Mawrth
    [3] Dydd Mercher
    [4] Dydd Iau
    [5] Dydd Gwener
    [6] Dydd Sadwrn
   *[7] Dydd Sul
}
month-name = { $month ->
    [1] Ionawr
    [2] Chwefror
    [3] Mawrth
    [4] Ebrill
    [5] Mai
    [6] Mehefin
    [7] Gorffennaf
    [8] Awst
    [9] Medi
    [10] Hydref
    [11] Tachwedd
   *[12] Rhagfyr
}
date = { $weekday } { $day } { $month } { $year }
date-time = { $date } am { $hour }:{ $minute }{ $ampm ->
    [am] yb
   *[pm] yh
}

## Statws achos
status-received = Wedi dod i law
status-acknowledged = Wedi'i gydnabod
status-in_progress = Ar waith
status-waiting_for_customer = Yn aros amdanoch chi
status-resolved = Wedi'i ddatrys
status-closed = Wedi cau
status-reopened = Wedi ailagor

## Dilyn achos
track-title = Achos { $reference }
track-error-title = Gwall: Achos { $reference }
error-summary-title = Mae problem
error-prefix = Gwall:
success = Llwyddiant
track-status = Statws
track-received = Wedi dod i law
track-told-us = Beth ddywedoch chi wrthym
track-promised = Beth wnaethom ei addo
promise-done = Gwnaethom hyn ar { $date }, mewn pryd.
promise-late-done = Gwnaethom hyn ar { $date }. Roedd yn ddyledus erbyn { $due }, felly roedd yn hwyr.
promise-late = Mae hyn yn hwyr. Roedd yn ddyledus erbyn { $due }.
promise-paused = Mae hyn wedi'i ohirio tra byddwn yn aros amdanoch chi: nid yw'r amser y byddwn yn aros yn cyfrif.
promise-by = Byddwn yn gwneud hyn erbyn { $date }.
promise-no-date = Nid oes dyddiad ar gyfer hyn eto.
promise-withdrawn = Nid yw hyn yn berthnasol mwyach, oherwydd newidiodd math yr achos.
promise-tag-done = Wedi'i wneud
promise-tag-late = Hwyr
promise-tag-paused = Wedi'i ohirio
promise-tag-due = I'w wneud
promise-tag-no-date = Dim dyddiad
promise-tag-withdrawn = Wedi'i dynnu'n ôl
track-late = Mae'r achos hwn yn hwyr: gwnaethom addo { $promise }.
track-late-promise = { $title } erbyn { $date }
track-warning = Rhybudd
track-escalate-text = Gallwch ofyn iddo fynd at arweinydd y tîm, a fydd yn sicrhau ei fod yn cael sylw.
track-escalate = Ei anfon at arweinydd y tîm
track-stage2-text = Os nad ydych yn hapus gyda'n hateb i'ch cwyn, gallwch ofyn i ni edrych arni eto. Bydd rhywun na fu'n delio â hi o'r blaen yn gwneud hynny. Nid oes angen i chi roi rheswm.
track-stage2 = Mynd â fy nghwyn i gam 2
track-review-text = Os nad ydych yn hapus gyda'n hateb, gallwch ofyn am adolygiad mewnol. Bydd rhywun na wnaeth y penderfyniad cyntaf yn edrych arno eto. Nid oes angen i chi roi rheswm.
track-review = Gofyn am adolygiad mewnol
track-escalated = Gwnaethoch anfon yr achos hwn at arweinydd y tîm ar { $date }.
track-feedback-heading = A wnaeth hyn ei ddatrys?
track-solved-legend = A wnaeth yr hyn a wnaethom ddatrys y broblem?
track-yes = Do
track-no = Naddo
track-no-hint = Byddwn yn ailagor eich achos ac yn edrych arno eto
track-rating-legend = Sut byddech chi'n sgorio sut y gwnaethom ddelio ag ef?
track-rating-5 = 5: da iawn
track-rating-4 = 4: da
track-rating-3 = 3: ddim yn dda nac yn wael
track-rating-2 = 2: gwael
track-rating-1 = 1: gwael iawn
track-comment = Unrhyw beth rydych am ei ddweud wrthym (dewisol)
track-send = Anfon
track-reply-label = Ateb neu ychwanegu gwybodaeth
track-reply-hint = Mae'n mynd i'r tîm sy'n delio â'ch achos.
track-reply-reopens = Bydd eich achos yn cael ei ailagor.
track-send-message = Anfon neges
track-closed = Mae'r achos hwn wedi cau. I ddweud rhywbeth newydd wrthym, rhowch wybod amdano eto.
track-report-again = Rhoi gwybod amdano eto
track-happened = Beth sydd wedi digwydd
track-see-all = Gweld popeth am yr achos hwn
track-see-all-text = I weld beth sydd wedi digwydd, ateb neu ychwanegu gwybodaeth, rhowch y cyfeiriad e-bost neu'r rhif ffôn a roesoch i ni. Mae'r ddolen yn ein e-bost yn gwneud hyn i chi.
track-answer-label = Cyfeiriad e-bost neu rif ffôn
track-continue = Parhau
track-privacy = Er mwyn diogelu eich preifatrwydd, nid yw'r dudalen hon yn dangos beth ddywedoch chi wrthym tan hynny.
done-reply = Mae eich neges gennym ac rydym wedi'i hychwanegu at eich achos
done-escalated = Mae eich achos wedi mynd at arweinydd y tîm
done-stage2 = Mae gennym eich cais i fynd â'ch cwyn i gam 2
done-review = Mae gennym eich cais am adolygiad mewnol
done-thanks = Diolch am ddweud wrthym
done-reopened = Rydym wedi ailagor eich achos a byddwn yn edrych arno eto
done-reopened-by = Rydym wedi ailagor eich achos. Byddwn yn delio ag ef erbyn { $date }.
event-created = Daeth eich cais i law
event-status = Statws: { $status }
event-we-wrote = Gwnaethom ysgrifennu atoch
event-we-wrote-post = Rydym yn ysgrifennu atoch drwy’r post
event-letter-posted = Gwnaethom bostio ein llythyr atoch
event-you-wrote = Gwnaethoch ysgrifennu atom
event-date-moved = Gwnaethom symud y dyddiad ar gyfer { $title } i { $date }
event-why = Pam: { $reason }
event-escalated = Gwnaethoch ofyn i hyn fynd at arweinydd y tîm oherwydd ei fod yn hwyr
event-stage2-requested = Gwnaethoch ofyn i ni fynd â'ch cwyn i gam 2
event-stage2-acknowledged = Gwnaethom gydnabod eich cais am gam 2
event-review-requested = Gwnaethoch ofyn am adolygiad mewnol
track-error-answer-empty = Rhowch y cyfeiriad e-bost neu'r rhif ffôn a roesoch i ni
track-error-answer-wrong = Nid yw hynny'n cyfateb i'r cyfeiriad e-bost neu'r rhif ffôn sydd gennym ar gyfer yr achos hwn
track-error-answer-too-many = Bu gormod o atebion anghywir ar gyfer yr achos hwn. Rhowch gynnig arall arni mewn awr, neu cysylltwch â ni
track-error-message-empty = Rhowch eich neges
track-error-message-long = Rhaid i'ch neges fod yn { $max } nod neu lai
track-error-solved = Dywedwch a wnaeth hyn ei ddatrys
track-error-rating = Dewiswch sgôr o 1 i 5
track-error-comment-long = Rhaid i'ch sylw fod yn { $max } nod neu lai
track-error-closed = Mae'r achos hwn wedi cau. I ddweud rhywbeth newydd wrthym, rhowch wybod amdano eto.
track-error-not-late = Nid yw'r achos hwn wedi mynd heibio'i ddyddiad, felly ni ellir ei uwchgyfeirio eto.
track-error-no-stage2 = Gallwch ofyn am gam 2 unwaith y byddwn wedi ateb eich cwyn, a dim ond unwaith.
track-error-no-review = Gallwch ofyn am adolygiad unwaith y byddwn wedi ateb eich cais, a dim ond unwaith.
track-error-answered = Mae eich ateb ar gyfer yr achos hwn gennym eisoes. Diolch.

## Ar ôl anfon ffurflen
sent-title = Wedi'i anfon
sent-reference = Eich cyfeirnod yw
sent-keep = Cadwch y cyfeirnod hwn. Rhowch ef os byddwch yn cysylltu â ni am hyn eto, fel nad oes rhaid i chi ei esbonio ddwywaith.
sent-next = Beth sy'n digwydd nesaf
sent-next-text = Bydd y tîm sy'n delio â hyn yn edrych arno. Os rhoesoch gyfeiriad e-bost, byddwn yn anfon y cyfeirnod atoch ac yn dweud wrthych pryd i ddisgwyl ateb.
sent-follow = Dilyn eich achos
sent-follow-text = , gyda'r dyddiadau rydym yn eu haddo.
sent-other = Rhoi gwybod neu holi am rywbeth arall

## Sut rydym yn perfformio
perf-title = Sut rydym yn perfformio
perf-lead = Rydym yn cyhoeddi beth rydym yn ei addo ac a ydym yn ei gadw. Mae'r ffigurau hyn yn fyw: mae pob achos yn cyfrif yr eiliad y mae'n newid.
perf-download = Lawrlwythwch y ffigurau, am ddim i'w hailddefnyddio o dan y Drwydded Llywodraeth Agored:
perf-csv = CSV
perf-json = JSON
perf-licence = Trwydded Llywodraeth Agored
perf-dictionary = Beth mae pob ffigur yn ei olygu
perf-wards-csv = Cysylltiadau fesul ward, fis wrth fis (CSV)
perf-wards-heading = Gan bwy rydym yn clywed
perf-wards-lead = Cysylltiadau o bob ward y mis hwn, a fesul 1,000 o breswylwyr, fel y gallwch weld pa gymunedau rydym yn clywed ganddynt a pha rai nad ydym. Daw ward o'r cod post a roddwyd. Dangosir llai na 5 cyswllt fel rhai wedi'u cuddio, fel na ellir adnabod neb.
perf-ward = Ward
perf-ward-residents = Preswylwyr
perf-ward-contacts = Cysylltiadau
perf-ward-per-thousand = Fesul 1,000 o breswylwyr
perf-suppressed = Llai na 5
perf-show-for = Dangos ffigurau ar gyfer
perf-all-services = Pob gwasanaeth
perf-show = Dangos ffigurau
perf-so-far = { $month } hyd yma
perf-kept = o'r addewidion oedd yn ddyledus wedi'u cadw
perf-received = achos wedi dod i law
perf-open-late = achos agored wedi mynd heibio'u dyddiad nawr
perf-median = amser canolrifol i ddatrys, mewn diwrnodau gwaith
perf-none-due-yet = Dim un yn ddyledus eto
perf-promises = Ein haddewidion
perf-no-promises = Nid ydym wedi cyhoeddi unrhyw addewidion eto.
perf-statutory = Cwynion a cheisiadau am wybodaeth
perf-statutory-text = Mae'r terfynau amser hyn wedi'u gosod yn ôl y gyfraith neu gan god ymdrin â chwynion yr Ombwdsmon Tai ac Ombwdsmon Llywodraeth Leol a Gofal Cymdeithasol. Mae'r Comisiynydd Gwybodaeth yn disgwyl i gynghorau ateb o leiaf 90% o geisiadau Rhyddid Gwybodaeth o fewn 20 diwrnod gwaith.
perf-no-figures = Nid oes gennym ffigurau ar gyfer yr addewid hwn eto.
perf-over-year = Dros y 13 mis diwethaf:
perf-share = { $percent }% wedi'u cadw ({ $met } o { $due } yn ddyledus)
perf-none = nid oedd dim un yn ddyledus
perf-chart = { $title }: y gyfran a gadwyd bob mis. Mae'r un ffigurau yn y tabl isod.
perf-show-table = Dangos y ffigurau ar gyfer { $title } fel tabl
perf-by-month = { $title }, fesul mis
perf-month = Mis
perf-kept-column = Wedi'u cadw
perf-due-column = Yn ddyledus
perf-share-column = Cyfran a gadwyd
perf-channels = Sut mae pobl yn cysylltu â ni
perf-channels-caption = Achosion a ddaeth i law, yn ôl sut y daethant atom
perf-total = Cyfanswm
perf-times = Faint o amser mae'n ei gymryd, a beth mae trigolion yn ei feddwl
perf-times-text = Mae'r amseroedd mewn diwrnodau gwaith o'r diwrnod y daeth yr achos i law i'r diwrnod y cafodd ei ddatrys. Cymerodd hanner yr achosion y canolrif neu lai; cymerodd 9 o bob 10 y 90fed canradd neu lai.
perf-times-caption = Amseroedd datrys, boddhad ac uwchgyfeirio, fesul mis
perf-resolved = Wedi'u datrys
perf-median-column = Canolrif
perf-p90 = 90fed canradd
perf-ratings = Sgoriau
perf-average = Sgôr cyfartalog
perf-rated-high = Sgôr 4 neu 5
perf-solved = Wedi dweud ei fod wedi'i ddatrys
perf-escalated = Wedi'u huwchgyfeirio'n hwyr
perf-days = { $days ->
    [one] 1 diwrnod
   *[other] { $days } diwrnod
}
perf-out-of-5 = { $rating } allan o 5
channel-web = Ffurflen ar-lein
channel-email = E-bost
channel-phone = Ffôn
channel-letter = Llythyr
channel-visit = Ymweliad
channel-social = Cyfryngau cymdeithasol
channel-api = System partner
month-short = { $month ->
    [1] Ion
    [2] Chwef
    [3] Maw
    [4] Ebr
    [5] Mai
    [6] Meh
    [7] Gorff
    [8] Awst
    [9] Medi
    [10] Hyd
    [11] Tach
   *[12] Rhag
}

## Ffurflen gwasanaeth
optional = (dewisol)
report-description-label = Dywedwch wrthym beth sydd ei angen arnoch
report-description-label-callback = Am beth rydych chi eisiau siarad?
report-description-hint = Rhowch gymaint o fanylion ag y gallwch. Peidiwch â chynnwys manylion banc. Hyd at { $max } nod.
report-description-hint-callback = Dywedwch wrthym am beth mae'n ymwneud a phryd sydd orau i ffonio, er enghraifft "treth gyngor, unrhyw ddiwrnod yn yr wythnos ar ôl 3pm". Peidiwch â chynnwys manylion banc. Hyd at { $max } nod.
report-files-label = Lluniau neu ddogfennau (dewisol)
report-files-hint = Mae llun yn aml yn ein helpu i ddod o hyd i broblem a'i thrwsio. Hyd at { $files } ffeil, pob un yn llai na { $mb } MB: llun JPG, PNG, HEIC neu WebP, neu PDF.
report-files-added = Ffeiliau rydych wedi'u hychwanegu
report-files-remove-hint = Ticiwch ffeil i'w thynnu.
report-file-remove = Tynnu { $file } ({ $size })
report-where = Ble mae e?
report-address = Cyfeiriad neu le
report-address-hint = Er enghraifft, 12 Stryd Fawr, neu y tu allan i'r llyfrgell ar Heol yr Orsaf
report-address-optional = Cyfeiriad neu le (dewisol)
report-address-optional-hint = Gadewch hwn yn wag os nad yw eich cwestiwn am le
report-postcode = Cod post (dewisol)
report-map-label = Neu gollwng pin ar y map (dewisol)
report-map-hint = Cliciwch neu tapiwch y lle. Llusgwch y map i symud o gwmpas, a defnyddiwch + a − i chwyddo.
report-map-clear = Tynnu'r pin
report-map-dropped = Pin wedi'i ollwng yn { $place }.
report-map-removed = Cafodd y pin ei dynnu.
report-your-details = Eich manylion
report-known = Byddwn yn ateb { $name }.
report-known-email = E-bost: { $email }
report-known-phone = Ffôn: { $phone }
report-not-you = Nid chi? Rhowch fanylion gwahanol
report-phone-call = Rhif ffôn i'w ffonio
report-phone-call-hint = Rhif yn y DU, neu un rhyngwladol yn dechrau gyda +
report-details-use = Rydym yn defnyddio'r rhain dim ond i'ch ateb am hyn.
report-name = Enw llawn
report-email-optional = Cyfeiriad e-bost (dewisol)
report-email-optional-hint = Byddwn yn anfon eich cyfeirnod yma
report-email = Cyfeiriad e-bost
report-email-hint = Byddwn yn anfon eich cyfeirnod a diweddariadau yma. Rhowch gyfeiriad e-bost neu rif ffôn.
report-phone-optional = Rhif ffôn (dewisol os rhoesoch gyfeiriad e-bost)
date-day = Diwrnod
date-month = Mis
date-year = Blwyddyn

## Gwirio eich atebion
check-title = Gwirio eich atebion: { $service }
check-heading = Gwiriwch eich atebion cyn anfon
check-what-you-need = Beth sydd ei angen arnoch
check-what-about = Am beth mae'n ymwneud
check-not-given = Heb ei roi
check-files = Lluniau neu ddogfennau
check-no-files = Dim
check-where = Ble
check-pin = Pin ar y map
check-name = Enw
check-email = Cyfeiriad e-bost
check-phone = Rhif ffôn
check-not-you = Nid chi?
check-change = Newid
check-confirm = Drwy anfon hwn rydych yn cadarnhau, hyd eithaf eich gwybodaeth, fod yr hyn rydych wedi'i ddweud wrthym yn gywir.
check-send = Anfon

## Gwallau ar y ffurflen
label-description = disgrifiad
label-address = y cyfeiriad neu'r lle
label-name = eich enw
label-email = eich cyfeiriad e-bost
label-phone = eich rhif ffôn
label-postcode = cod post
error-enter = Rhowch { $label }
error-too-long = Rhaid i'r testun ar gyfer { $label } fod yn { $max } nod neu lai (rydych wedi rhoi { $len })
error-unreadable = Mae'r testun ar gyfer { $label } yn cynnwys nodau na allwn eu derbyn; teipiwch ef eto hebddynt
error-email-format = Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com
error-phone-format = Rhowch rif ffôn, fel 01632 960 001 neu +44 7700 900 982
error-postcode-format = Rhowch god post go iawn, fel SW1A 1AA
error-pin = Nid oedd modd defnyddio'r pin ar y map. Gollyngwch ef eto, neu gadewch ef allan
error-where = Rhowch y cyfeiriad neu'r lle, neu god post, fel y gallwn ddod o hyd iddo
error-contact = Rhowch gyfeiriad e-bost neu rif ffôn, fel y gallwn ddweud wrthych beth sy'n digwydd
error-callback-phone = Rhowch rif ffôn, fel y gallwn eich ffonio'n ôl
error-field-number = Rhowch rif ar gyfer “{ $label }”, fel 3 neu 2.5
error-field-listed = Dewiswch o'r atebion a restrir ar gyfer “{ $label }”
error-field-choose = Dewiswch ateb i “{ $label }”
error-field-enter = Rhowch ateb i “{ $label }”
error-field-date-missing = Rhaid i “{ $label }” gynnwys diwrnod, mis a blwyddyn
error-field-date-real = Rhaid i “{ $label }” fod yn ddyddiad go iawn, fel 27 3 2026
error-file-gone = Ni chafodd ffeil a ychwanegoch ei hanfon o fewn awr, felly cafodd ei dileu. Ychwanegwch hi eto
error-title-too-many = Gormod o ymdrechion
error-message-too-many = Rydych wedi anfon hwn ormod o weithiau mewn amser byr. Arhoswch ychydig funudau, yna rhowch gynnig arall arni.
error-uploads-full = Rydych wedi ychwanegu cymaint o ffeiliau ag y gallwn eu cadw i chi am y tro. Anfonwch eich adroddiad heb ragor o ffeiliau, neu rhowch gynnig arall arni mewn awr
error-uploads-busy = Ni allwn dderbyn rhagor o ffeiliau ar hyn o bryd. Anfonwch eich adroddiad heb ffeiliau, neu rhowch gynnig arall arni yn nes ymlaen
error-file-too-big = Rhaid i bob ffeil fod yn llai na { $max } MB
error-too-many-files = Ychwanegwch ddim mwy na { $max } ffeil
error-file-not-added = Ychwanegwch ddim mwy na { $max } ffeil: ni chafodd { $file } ei hychwanegu
error-file-empty = Mae'r ffeil { $file } yn wag
error-file-size = Rhaid i'r ffeil { $file } fod yn llai na { $max } MB
error-file-type = Rhaid i'r ffeil { $file } fod yn llun JPG, PNG, HEIC neu WebP, neu'n PDF
check-now-send-report = Nawr anfonwch eich adroddiad
check-now-send-request = Nawr anfonwch eich cais
check-pin-at = Pin ar y map yn { $place }

## Tudalennau gwall
error-home = Mynd i'r hafan
error-title-not-found = Heb ddod o hyd i'r dudalen
error-title-bad-request = Mae problem
error-title-forbidden = Ni allwch wneud hyn
error-title-expired = Mae'r ffurflen wedi dod i ben
error-title-internal = Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth
error-message-not-found = Os gwnaethoch deipio'r cyfeiriad gwe, gwiriwch ei fod yn gywir. Os gwnaethoch ei gludo, gwiriwch eich bod wedi copïo'r cyfeiriad cyfan.
error-message-forbidden = Nid yw eich rôl yn cynnwys hyn. Gofynnwch i arweinydd eich tîm neu weinyddwr os oes ei angen arnoch.
error-message-expired = Ni newidiwyd dim. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.
error-message-internal = Rhowch gynnig arall arni yn nes ymlaen. Nid oes cyfeirnod wedi'i roi i unrhyw beth a anfonoch oni bai eich bod wedi gweld un.

## Datganiad hygyrchedd
a11y-title = Datganiad hygyrchedd
a11y-intro = Mae'r datganiad hwn yn ymwneud â'r wefan rydych yn ei defnyddio i gysylltu â { $council }, rhoi gwybod am broblemau, gofyn am wasanaethau a dilyn eich achos. { $council } sy'n ei rhedeg. Rydym am i gynifer o bobl â phosibl allu ei defnyddio. Dylech allu:
a11y-can-colours = newid lliwiau, lefelau cyferbyniad a ffontiau gan ddefnyddio gosodiadau eich porwr neu'ch dyfais
a11y-can-zoom = chwyddo hyd at 400% heb i'r testun fynd oddi ar y sgrin
a11y-can-keyboard = symud o gwmpas y wefan gyfan gan ddefnyddio bysellfwrdd yn unig
a11y-can-nojs = ei defnyddio gyda JavaScript wedi'i ddiffodd
a11y-can-reader = gwrando arni gan ddefnyddio darllenydd sgrin, fel NVDA, JAWS neu VoiceOver
a11y-can-language = ei darllen yn Saesneg, yn Gymraeg neu yn Arabeg
a11y-plain = Rydym yn defnyddio iaith glir, a chynlluniau tudalennau System Ddylunio GOV.UK, sy'n cael eu profi gyda phobl anabl.
a11y-how = Pa mor hygyrch yw'r wefan hon
a11y-compliant = Mae'r wefan hon yn cydymffurfio'n llawn â safon AA Canllawiau Hygyrchedd Cynnwys y We fersiwn 2.2, ac eithrio'r hyn a restrir isod.
a11y-map = Y map ar ffurflenni
a11y-map-text = Gallwch ollwng pin ar fap i ddweud ble mae problem. Mae angen llygoden, cyffwrdd neu'r bysellau saeth ar y map, ac nid yw'n gweithio gyda phob darllenydd sgrin. Nid oes byth ei angen arnoch: mae'r blychau cyfeiriad a chod post wrth ei ymyl yn gwneud yr un gwaith.
a11y-english-data = Mae rhai geiriau yn Saesneg ar dudalennau mewn ieithoedd eraill
a11y-english-data-text = Mae enwau a disgrifiadau gwasanaethau, hysbysiadau gwasanaeth, y cwestiynau ar ffurflenni a'n haddewidion wedi'u hysgrifennu gan staff y cyngor yn Saesneg. Maent wedi'u marcio fel Saesneg, fel bod darllenwyr sgrin yn eu darllen yn gywir.
a11y-cannot = Beth i'w wneud os na allwch ddefnyddio'r wefan hon
a11y-cannot-text = Gallwch ein ffonio, anfon e-bost atom, ysgrifennu atom neu ymweld â ni, neu ofyn i ni eich ffonio'n ôl. Dywedwch wrthym os oes angen gwybodaeth arnoch mewn fformat arall, fel print bras, hawdd ei ddarllen, sain neu Braille, neu gyfieithydd. Byddwn yn ateb o fewn 3 diwrnod gwaith.
a11y-report = Rhoi gwybod am broblemau hygyrchedd gyda'r wefan hon
a11y-report-text = Rydym bob amser yn ceisio gwella. Os byddwch yn dod o hyd i broblem nad yw wedi'i rhestru yma, neu'n meddwl nad ydym yn bodloni'r gofynion, anfonwch e-bost at { $email } a bydd yn dod yn achos gyda chyfeirnod, fel unrhyw gyswllt arall.
a11y-enforcement = Gweithdrefn orfodi
a11y-enforcement-text = Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau ac Apiau Symudol) (Rhif 2) 2018. Os nad ydych yn hapus â sut rydym yn ymateb i'ch cwyn, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).
a11y-eass = Gwasanaeth Cynghori a Chymorth Cydraddoldeb
a11y-tested = Sut y gwnaethom brofi'r wefan hon
a11y-tested-text = Mae pob tudalen gyhoeddus, gan gynnwys ei negeseuon gwall ac ym mhob iaith, yn cael ei gwirio'n awtomatig bob tro mae'r wefan yn newid: mae axe-core yn rhedeg profion A ac AA WCAG 2.2 ym mhorwr Chromium, ac mae'r prif deithiau (rhoi gwybod am broblem, dilyn achos, ateb a rhoi adborth) yn cael eu profi gyda JavaScript wedi'i ddiffodd a gyda bysellfwrdd yn unig.
a11y-tested-people = Dim ond rhai problemau y mae profion awtomatig yn eu canfod. Rydym hefyd yn gofyn i drigolion anabl roi cynnig ar y wefan, ac rydym yn gweithredu ar yr hyn maent yn ei ddweud wrthym.

## Cwcis
cookies-title = Cwcis
cookies-intro = Ffeiliau bach yw cwcis sy'n cael eu cadw ar eich ffôn, eich llechen neu eich cyfrifiadur pan fyddwch yn ymweld â gwefan. Mae'r wefan hon yn defnyddio dim ond y cwcis sydd eu hangen arni i weithio. Nid ydym yn defnyddio cwcis i fesur sut rydych yn defnyddio'r wefan, ac nid oes dim yn eich tracio ar gyfer hysbysebu, felly nid ydym yn gofyn am eich caniatâd.
cookies-caption = Cwcis mae'r wefan hon yn eu gosod
cookies-name = Enw
cookies-purpose = Beth mae ar ei gyfer
cookies-expiry = Pryd mae'n mynd
cookies-case = Mae'n cofio eich bod wedi rhoi'r cyfeiriad e-bost neu'r rhif ffôn ar gyfer achos, neu wedi'i agor o'n e-bost, fel y gallwch ei weld a'i ateb. Mae gan bob achos ei gwci ei hun.
cookies-case-expiry = Ar ôl 30 diwrnod
cookies-you = Dim ond os byddwch yn agor y ddolen yn ein e-bost sy'n arbed i chi deipio eich manylion eto. Dewiswch "Nid chi?" ar ffurflen i'w dynnu.
cookies-you-expiry = Ar ôl 90 diwrnod
cookies-lang = Mae'n cofio'r iaith a ddewisoch.
cookies-lang-expiry = Ar ôl blwyddyn
cookies-staff = Ar gyfer staff y cyngor yn unig: mae'n eu cadw wedi mewngofnodi i weithle'r staff ac yn diogelu'r ffurflen fewngofnodi.
cookies-staff-expiry = Pan fyddant yn allgofnodi, ar ôl 2 awr heb ei ddefnyddio, neu ar ôl 12 awr

## Preifatrwydd
privacy-title = Sut rydym yn defnyddio eich gwybodaeth
privacy-controller = { $council } yw'r rheolydd data ar gyfer yr hyn rydych yn ei ddweud wrthym drwy'r wefan hon, drwy e-bost, dros y ffôn, drwy lythyr neu wyneb yn wyneb.
privacy-collect = Beth rydym yn ei gasglu
privacy-collect-name = eich enw, a'r cyfeiriad e-bost, rhif ffôn neu gyfeiriad rydych yn ei roi i ni
privacy-collect-what = beth rydych yn ei ddweud wrthym, eich atebion i gwestiynau'r ffurflen, ac unrhyw luniau neu ddogfennau rydych yn eu hanfon
privacy-collect-where = ble mae'r broblem, os byddwch yn dweud wrthym, gan gynnwys pin rydych yn ei ollwng ar fap
privacy-collect-history = popeth rydym ni a chithau yn ei wneud am eich achos, gyda'r dyddiad a'r amser
privacy-why = Pam rydym yn ei defnyddio
privacy-why-text = I ddelio â'r hyn y gofynnoch amdano, i roi'r wybodaeth ddiweddaraf i chi, ac i wirio a chyhoeddi pa mor dda rydym yn cadw ein haddewidion. Cyfrifon yn unig yw'r ffigurau a gyhoeddir, ac nid ydynt byth yn adnabod neb. Y gyfraith sy'n caniatáu i ni wneud hyn yw ei fod yn rhan o'n tasg gyhoeddus (Erthygl 6(1)(e) GDPR y DU).
privacy-who = Pwy sy'n ei gweld
privacy-who-text = Staff y cyngor sy'n delio â'ch achos, ac unrhyw gontractwr sy'n gwneud y gwaith i ni, sy'n gweld dim ond yr achosion a roddir iddynt. Mae pob tro y bydd aelod o staff yn agor eich achos yn cael ei gofnodi. Nid ydym yn gwerthu eich gwybodaeth nac yn ei defnyddio ar gyfer marchnata.
privacy-map = Os byddwch yn defnyddio'r map ar ffurflen, mae eich porwr yn nôl lluniau'r map gan ein darparwr mapiau, sy'n gweld eich cyfeiriad IP.
privacy-keep = Am ba hyd rydym yn ei chadw
privacy-keep-text = Rydym yn cadw'r wybodaeth bersonol ym mhob achos am yr amser isod ar ôl i'r achos gau. Yna rydym yn dileu eich enw, eich manylion cyswllt, eich cyfeiriad, yr hyn a ysgrifennoch ac unrhyw ffeiliau, ac yn cadw'r ffigurau yn unig, nad ydynt byth yn dangos pwy ydych. Mae llun a anfonoch gyda ffurflen na wnaethoch ei gorffen yn cael ei ddileu ar ôl awr.
privacy-keep-what = Beth ydyw
privacy-keep-how-long = Am faint rydym yn ei gadw ar ôl i'r achos gau
privacy-keep-hold = Rydym yn cadw achos am fwy o amser dim ond pan fydd y gyfraith yn gofyn, er enghraifft tra bo'r Ombwdsmon, tribiwnlys neu lys yn edrych arno.
privacy-kind-enquiry = Cwestiynau ac ymholiadau
privacy-kind-service_request = Adroddiadau a cheisiadau am wasanaeth
privacy-kind-complaint = Cwynion
privacy-kind-compliment = Canmoliaeth
privacy-kind-foi = Ceisiadau Rhyddid Gwybodaeth
privacy-kind-eir = Ceisiadau am wybodaeth amgylcheddol
privacy-kind-subject_access = Ceisiadau am eich gwybodaeth eich hun
privacy-kind-erasure = Ceisiadau i ddileu eich gwybodaeth
privacy-kind-rectification = Ceisiadau i gywiro eich gwybodaeth
privacy-kind-restriction = Ceisiadau i roi'r gorau i ddefnyddio eich gwybodaeth
privacy-kind-callback = Ceisiadau i ni eich ffonio'n ôl (ein cofnodion galwadau)
privacy-kind-reception_visit = Ymweliadau â'n derbynfa nad oedd angen achos arnynt
privacy-period-years = { $n ->
    [one] 1 flwyddyn
   *[other] { $n } o flynyddoedd
}
privacy-period-months = { $n } mis
privacy-rights = Eich hawliau
privacy-rights-text = Gallwch ofyn am gopi o'r wybodaeth sydd gennym amdanoch, a gofyn i ni ei chywiro, ei dileu neu roi'r gorau i'w defnyddio. Anfonwch e-bost at { $email } neu cysylltwch â ni mewn ffordd arall. Os ydych yn anhapus â sut rydym yn defnyddio eich gwybodaeth, gallwch gwyno i Swyddfa'r Comisiynydd Gwybodaeth.
privacy-ico = Cwyno i Swyddfa'r Comisiynydd Gwybodaeth

## Gwallau am un cais
error-ref-empty = Rhowch gyfeirnod.
error-ref-length = Mae gan gyfeirnod 6 neu 9 llythyren a rhif ar ôl y rhagddodiad.
error-ref-character = Ni all cyfeirnod gynnwys “{ $character }”.
error-ref-check = Nid yw'r cyfeirnod hwnnw yn un o'n rhai ni; gwiriwch a oes llythyren neu rif wedi'i deipio'n anghywir.
error-ref-missing = Rhowch eich cyfeirnod, fel KMB-4K7-9QX. Mae yn yr e-bost a anfonwyd atoch.
error-link-incomplete = Nid yw'r ddolen honno'n gyflawn. Copïwch y ddolen gyfan o'r e-bost, neu rhowch eich cyfeirnod gyda'r cyfeiriad e-bost neu'r rhif ffôn a roesoch i ni.
error-prove-first = I wneud hynny, rhowch yn gyntaf y cyfeiriad e-bost neu'r rhif ffôn a roesoch i ni ar y dudalen ar gyfer achos { $reference }.
error-no-service = Nid oes gwasanaeth o'r enw “{ $code }”. Dewch o hyd iddo yn y rhestr gwasanaethau.
error-no-group = Nid oes grŵp o wasanaethau o'r enw “{ $group }”. Dewiswch un o'r rhestr ar y dudalen perfformiad.
error-you-link = Mae'r ddolen honno wedi dod i ben neu nid yw'n gyflawn. Gallwch ddal i roi gwybod neu holi am unrhyw beth: byddwn yn gofyn am eich manylion.
error-unreadable-form = Nid oeddem yn gallu darllen y ffurflen a anfonwyd. Ewch yn ôl a rhowch gynnig arall arni.

## Geiriadur y data agored
dict-title = Data perfformiad: beth mae pob ffigur yn ei olygu
dict-intro = Mae'r data y tu ôl i sut rydym yn perfformio ar ddau gyfeiriad na fyddant yn newid:
dict-csv = un rhes ar gyfer pob mis, gwasanaeth, mesur ac allwedd
dict-json = yr un rhesi, gyda'r rhestr o safonau a nifer yr achosion agored sydd wedi mynd heibio'u dyddiad nawr
dict-group = Ychwanegwch ?group= ac enw grŵp gwasanaeth at y naill neu'r llall ar gyfer y grŵp hwnnw yn unig. Mae'r ddau yn cwmpasu'r mis hwn a'r 12 cyn hynny, yn cael eu gwneud o'r newydd unwaith y funud ar y mwyaf, ac maent am ddim i'w hailddefnyddio o dan y Drwydded Llywodraeth Agored v3.0.
dict-columns = Colofnau
dict-measures = Mesurau
dict-measures-caption = Pob mesur, beth mae'n ei gyfrif a beth mae ei allwedd yn ei olygu
dict-measure = Mesur
dict-counts = Beth mae'n ei gyfrif
dict-key = Allwedd
dict-english = Codau Saesneg yw enwau'r colofnau, y mesurau a'r allweddi, yr un fath ym mhob iaith, fel y gall rhaglenni ddarllen y ffeiliau.
dict-share = Cyfran addewid a gadwyd yw standard_met wedi'i rannu â standard_met ynghyd â standard_missed ar gyfer ei allwedd. Mae canolrifau a'r 90fed canradd yn defnyddio'r safle agosaf: y nifer lleiaf o ddiwrnodau a gymerodd hanner (neu 9 o bob 10) o achosion y mis a ddatryswyd, neu lai.
dict-standards = Safonau
dict-standards-caption = Allwedd pob addewid
dict-promise = Addewid
dict-target = Targed
dict-col-month = Y mis calendr, fel YYYY-MM, yn amser y DU.
dict-col-service_group = Y pennawd y mae'r gwasanaeth wedi'i restru oddi tano.
dict-col-service_code = Cod byr y gwasanaeth, nad yw'n newid. Yn wag ar gyfer ffigurau nad oes gwasanaeth yn berchen arnynt, fel galwadau ffôn.
dict-col-service = Enw'r gwasanaeth.
dict-col-measure = Beth sy'n cael ei gyfrif: gweler y mesurau isod.
dict-col-key = Beth sy'n culhau'r mesur, sy'n dibynnu ar y mesur.
dict-col-value = Faint.
dict-m-received = Achosion a ddaeth i law yn ystod y mis, yn ôl y sianel y daethant drwyddi.
dict-k-received = y sianel: web, email, phone, letter, visit, social neu api
dict-m-standard_met = Addewidion a gadwyd: cloc safon gyhoeddedig a stopiodd mewn pryd, wedi'i gyfrif yn y mis y stopiodd.
dict-k-standard_met = id y safon, fel y'i rhestrir isod
dict-m-standard_missed = Addewidion a fethwyd: cloc safon a aeth heibio'i ddyddiad, wedi'i gyfrif yn y mis yr oedd yn ddyledus.
dict-k-standard_missed = id y safon, fel y'i rhestrir isod
dict-m-resolved_in_working_days = Achosion a ddatryswyd yn ystod y mis, yn ôl faint o ddiwrnodau gwaith a gymerwyd. Mae achos sy'n cael ei ailagor yn ddiweddarach yn cael ei dynnu'n ôl.
dict-k-resolved_in_working_days = diwrnodau gwaith cyfan o'r diwrnod y daeth i law i'r diwrnod y cafodd ei ddatrys
dict-m-rating = Atebion trigolion i "sut byddech chi'n sgorio sut y gwnaethom ddelio â hyn?" ar ôl ei ddatrys.
dict-k-rating = y sgôr, 1 (gwael iawn) i 5 (da iawn)
dict-m-solved = Atebion trigolion i "a wnaeth hyn ei ddatrys?" ar ôl ei ddatrys. Mae "naddo" yn ailagor yr achos.
dict-k-solved = yes neu no
dict-m-escalated_by_resident = Achosion y gwnaeth trigolyn eu huwchgyfeirio at arweinydd tîm oherwydd eu bod wedi mynd heibio'u dyddiad: galw methiant.
dict-k-escalated_by_resident = gwag
dict-m-waited_minutes = Pobl a welwyd wyneb yn wyneb, yn ôl faint y bu rhaid iddynt aros wedi'r amser: ymwelydd o gyrraedd hyd nes ei alw, apwyntiad o'i amser hyd nes iddo ddechrau (neu o gyrraedd yn hwyr), ymweliad swyddog â chartref o'r amser a drefnwyd hyd nes i'r swyddog gyrraedd.
dict-k-waited_minutes = safon:safle:munudau, fel visitor-seen:town-hall:7 (munudau cyfan, wedi'u talgrynnu i lawr, 240 ar y mwyaf; safle ymweliad â chartref yw home)
dict-m-contacts = Cysylltiadau gan gwsmeriaid yn y mis (ffurflen, e-bost, galwad, llythyr, ymweliad), pob un wedi'i gyfrif unwaith fel galw gwerth (yr hyn y mae'r gwasanaeth ar ei gyfer) neu alw methiant (a achoswyd gan beidio â gwneud rhywbeth, neu beidio â'i wneud yn iawn). Mae cod gwasanaeth gwag gan gysylltiadau heb achos.
dict-k-contacts = sianel:galw, fel phone:progress_chasing. Mae galw yn value, progress_chasing, not_done, clarification, misdirected neu repeat
dict-m-handoff = Achosion a basiwyd o un tîm i dîm arall yn y mis.
dict-k-handoff = y tîm a adawodd a'r tîm yr aeth iddo, fel eu rhifau, fel 3:5
dict-m-open_past_date_now = Achosion agored sydd wedi mynd heibio dyddiad addewid ar yr adeg y gwnaed y ffeil (un rhes, yn y mis presennol).
dict-k-open_past_date_now = gwag

## The disclosure log
disclosure-title = Log datgelu
disclosure-intro = Atebion rydym wedi'u rhoi i geisiadau Rhyddid Gwybodaeth a cheisiadau am wybodaeth amgylcheddol, wedi'u cyhoeddi fel y gall unrhyw un eu darllen. Nid ydym byth yn dangos pwy ofynnodd.
disclosure-ask = I ofyn am wybodaeth eich hun, dewiswch o'n gwasanaethau.
disclosure-caption = Atebion a gyhoeddwyd, y diweddaraf yn gyntaf
disclosure-none = Nid oes dim wedi'i gyhoeddi eto.
disclosure-subject = Pwnc
disclosure-received = Gofynnwyd
disclosure-answered = Atebwyd
disclosure-law = Deddf
disclosure-law-foi = Deddf Rhyddid Gwybodaeth 2000
disclosure-law-eir = Rheoliadau Gwybodaeth Amgylcheddol 2004
disclosure-outcome = Canlyniad
disclosure-outcome-provided = Rhoddwyd yr holl wybodaeth
disclosure-outcome-part_provided = Rhoddwyd rhan o'r wybodaeth
disclosure-outcome-refused = Gwrthodwyd
disclosure-outcome-not_held = Nid oes gennym y wybodaeth
disclosure-withheld = Pam y cadwyd gwybodaeth yn ôl
disclosure-request = Y cais
disclosure-response = Ein hateb
disclosure-older = Atebion hŷn
disclosure-all = Pob ateb a gyhoeddwyd
callback-when-legend = Pryd ddylen ni eich ffonio?
callback-when-hint = Mae boreau tan 12:30pm; prynhawniau o 12:30pm nes i ni gau.
callback-when-asap = Cyn gynted ag y gallwn (o fewn 1 diwrnod gwaith)
callback-when-today-am = Y bore yma
callback-when-today-pm = Y prynhawn yma
callback-when-next-am = Y diwrnod gwaith nesaf, yn y bore
callback-when-next-pm = Y diwrnod gwaith nesaf, yn y prynhawn
error-callback-when = Dewiswch pryd ddylen ni eich ffonio

## Checking an officer's card, and the reception board
officer-title = Gwirio cerdyn adnabod swyddog
officer-intro = Mae pob swyddog sy'n ymweld â chartref yn cario cerdyn adnabod â rhif arno. Teipiwch y rhif i'w wirio. Gallwch hefyd ein ffonio ar { $phone }.
officer-card = Y rhif ar y cerdyn
officer-postcode = Eich cod post (dewisol)
officer-postcode-hint = I wirio bod ymweliad â chi wedi'i drefnu heddiw
officer-check = Gwirio'r cerdyn
officer-known = Mae hwn yn swyddog presennol
officer-visiting = Mae ganddynt ymweliad â'ch cod post wedi'i drefnu ar gyfer heddiw.
officer-not-visiting = Nid oes ganddynt ymweliad â'ch cod post wedi'i drefnu ar gyfer heddiw. Peidiwch â gadael iddynt ddod i mewn nes i chi ein ffonio ar { $phone }.
officer-add-postcode = Ychwanegwch eich cod post i wirio bod ymweliad â chi wedi'i drefnu ar gyfer heddiw.
officer-unknown = Nid oes gan unrhyw swyddog presennol y cerdyn { $card }. Peidiwch â gadael iddynt ddod i mewn. Ffoniwch ni ar { $phone }, neu'r heddlu ar 101 (999 os ydych yn teimlo mewn perygl).
officer-error-card = Rhowch y rhif ar y cerdyn adnabod, fel y mae wedi'i argraffu
board-calling = Yn galw nawr
board-nobody = Nid oes neb yn cael ei alw ar hyn o bryd.
board-ticket = Tocyn
board-go-to = Ewch i
board-reception = Y dderbynfa
board-waiting = Yn aros: { $waiting }. Amser aros arferol: { $wait }.
board-no-wait = Dim aros ar hyn o bryd
board-under-5 = Llai na 5 munud
board-about = Tua { $minutes } munud
board-soon = Byddwn yn eich galw cyn bo hir
board-look-again = Edrych eto
board-promise = Ein nod yw eich gweld o fewn 15 munud. Os na allwn, byddwn yn dweud wrthych pam a pha mor hir y bydd.
officer-warning = Rhybudd

## Equality monitoring on the report form (optional; counted only)
eq-summary = Helpwch ni i wirio ein bod yn gwasanaethu pawb (dewisol)
eq-intro = Mae'r cwestiynau hyn yn ein helpu i weld a yw rhai grwpiau o bobl yn ei chael hi'n anoddach cysylltu â ni. Mae pob cwestiwn yn ddewisol. Dim ond at gyfansymiau yr ychwanegir eich atebion: nid ydynt yn cael eu cadw gyda'ch adroddiad, ac nid yw'r staff sy'n delio ag ef yn eu gweld.
error-equality = Dewiswch un o'r atebion, neu gadewch y cwestiwn allan
eq-age = Eich oed
eq-age-16-24 = 16 i 24
eq-age-25-34 = 25 i 34
eq-age-35-44 = 35 i 44
eq-age-45-54 = 45 i 54
eq-age-55-64 = 55 i 64
eq-age-65-74 = 65 i 74
eq-age-75-plus = 75 neu hŷn
eq-age-under-16 = O dan 16
eq-age-prefer-not = Mae'n well gennyf beidio â dweud
eq-sex = Eich rhyw
eq-sex-female = Benyw
eq-sex-male = Gwryw
eq-sex-prefer-not = Mae'n well gennyf beidio â dweud
eq-ethnicity = Eich grŵp ethnig
eq-ethnicity-asian = Asiaidd, Asiaidd Prydeinig, Asiaidd Cymreig
eq-ethnicity-black = Du, Du Prydeinig, Du Cymreig, Caribïaidd neu Affricanaidd
eq-ethnicity-mixed = Grwpiau ethnig cymysg neu luosog
eq-ethnicity-white = Gwyn
eq-ethnicity-other = Grŵp ethnig arall
eq-ethnicity-prefer-not = Mae'n well gennyf beidio â dweud
eq-disability = A yw eich gweithgareddau o ddydd i ddydd wedi'u cyfyngu oherwydd problem iechyd neu anabledd sydd wedi para, neu y disgwylir iddo bara, o leiaf 12 mis?
eq-disability-yes-a-lot = Ydyn, wedi’u cyfyngu’n fawr
eq-disability-yes-a-little = Ydyn, wedi’u cyfyngu ychydig
eq-disability-no = Nac ydyn
eq-disability-prefer-not = Mae'n well gennyf beidio â dweud

## Messages to a customer: the acknowledgement, and the frame round every update.
## { $date } is a date as "Tuesday 3 March 2026".
mail-dear = Annwyl { $name },
ack-subject = Mae eich neges gennym
ack-thanks = Diolch am gysylltu â { $council } ynghylch "{ $subject }". Mae eich neges gennym.
ack-reference = Eich cyfeirnod yw { $reference }.
ack-next-heading = Beth sy'n digwydd nesaf
ack-next = Bydd ein tîm yn edrych arno.
ack-promise-reply = Byddwn yn ateb erbyn { $date }.
ack-promise-resolve = Byddwn yn delio ag ef erbyn { $date }.
ack-add-email = I ychwanegu unrhyw beth, atebwch yr e-bost hwn a chadwch y cyfeirnod yn y pwnc.
ack-add-letter = I ychwanegu unrhyw beth, ysgrifennwch atom yn y cyfeiriad ar frig y llythyr hwn, neu ffoniwch ni, a rhowch eich cyfeirnod.
ack-follow = Dilynwch eich achos ar-lein: { $link }
ack-tell-us-once = I roi gwybod am rywbeth arall neu ofyn am rywbeth arall heb deipio eich manylion eto: { $link }
update-subject = Ynghylch eich achos { $reference }
update-follow = Dilynwch eich achos: { $link }
update-answer-email = I ateb, atebwch yr e-bost hwn a chadwch y cyfeirnod yn y pwnc.
update-answer-letter = I ateb, ysgrifennwch atom yn y cyfeiriad ar frig y llythyr hwn, neu ffoniwch ni, a rhowch eich cyfeirnod.
update-calendar-add = Mae ffeil calendr ynghlwm i'w ychwanegu at eich calendr.
update-calendar-remove = Mae ffeil calendr ynghlwm i'w dynnu o'ch calendr.
update-resolved-ask = A wnaeth hyn ddatrys y mater? Dywedwch wrthym, neu dywedwch wrthym beth sy'n dal o'i le: { $link }

## A service notice's heading, when it is for every service
notice-heading = Hysbysiad

## A printed letter's headings
letter-reference = Ein cyfeirnod: { $reference }
letter-date = Dyddiad: { $date }
letter-page = Ein cyfeirnod: { $reference } (tudalen { $page })

## Messages the council's system writes to a customer: a deadline extended, a complaint's
## stages, a callback that could not reach them, appointments and home visits.
extension-subject = { $reference }: mae angen mwy o amser arnom
extension-sorry = Mae'n ddrwg gennym, ond mae angen mwy o amser arnom i ddelio â { $reference }.
extension-by = Byddwn nawr yn ateb erbyn { $date }.
extension-reason = Y rheswm: { $reason }
extension-answer-email = Os yw hyn yn achosi problem i chi, atebwch y neges hon a dywedwch wrthym.
extension-answer-letter = Os yw hyn yn achosi problem i chi, ysgrifennwch atom neu ffoniwch ni, a rhowch eich cyfeirnod.
complaint-stage2-received = Mae eich cais i fynd â'ch cwyn i gam 2 gennym. Bydd rhywun na fu'n delio â hi yng ngham 1 yn edrych arni eto.
complaint-stage2-by = Byddwn yn rhoi ein hateb terfynol i chi erbyn { $date }.
complaint-decision = Ein penderfyniad: mae eich cwyn { $outcome }.
complaint-outcome-upheld = wedi'i chadarnhau
complaint-outcome-partly_upheld = wedi'i chadarnhau yn rhannol
complaint-outcome-not_upheld = heb ei chadarnhau
complaint-will-do = Beth fyddwn yn ei wneud erbyn { $date }: { $promise }
complaint-signpost-stage1 = Os nad ydych yn hapus â'r ateb hwn, gallwch ofyn i ni edrych ar eich cwyn eto yng ngham 2. Nid oes angen i chi roi rheswm. Atebwch yr e-bost hwn, neu gofynnwch ar dudalen eich achos: { $link }
complaint-signpost-final = Dyma ein hateb terfynol. Os ydych yn dal yn anhapus, gallwch ofyn i'r ombwdsmon edrych ar eich cwyn. Mae'n rhad ac am ddim ac yn annibynnol. { $ombudsman }
complaint-promised = Yn ein hateb, gwnaethom addo hyn: { $promise }
complaint-promise-done = Mae wedi'i wneud: { $note }
callback-gave-up = Gwnaethom geisio eich ffonio { $tries } gwaith ar { $phone } fel y gofynnoch, ond ni allem gael gafael arnoch.
callback-ask-again = I ofyn i ni eich ffonio eto ar adeg sy'n gyfleus i chi: { $link }
callback-or-reply = Neu atebwch yr e-bost hwn a dywedwch wrthym beth sydd ei angen arnoch.
appointment-booked = Mae eich apwyntiad wedi'i drefnu.
appointment-moved = Mae eich apwyntiad wedi symud i amser newydd.
appointment-cancelled = Mae eich apwyntiad ar { $when } wedi'i ganslo.
appointment-interpreter = Byddwn yn trefnu i hyn fod yno i chi: { $what }. Os oes angen unrhyw beth arall arnoch, dywedwch wrthym.
appointment-what = Beth: { $service }
appointment-when = Pryd: { $when }
appointment-where = Ble: { $place }
appointment-come-early = Dewch i'r dderbynfa ychydig funudau cyn yr amser; byddwn yn eich gweld o fewn 5 munud iddo.
appointment-change = I'w newid neu ei ganslo: { $link }
appointment-earlier-link = (y ddolen yn ein e-bost blaenorol)
appointment-book-another = I drefnu un arall: { $link }
appointment-reminder = Nodyn atgoffa am eich apwyntiad.
appointment-reminder-change = Os na allwch ddod, newidiwch neu ganslwch ef gyda'r ddolen yn yr e-bost a'i cadarnhaodd, neu ffoniwch ni, er mwyn i rywun arall gael yr amser.
visit-arranged = Bydd { $officer } o { $team } yn ymweld â'ch cartref { $when }.
visit-card = Byddant yn dangos cerdyn adnabod i chi â'r rhif { $card }. I wirio ei fod yn ddilys, ewch i { $link } neu ffoniwch ni.
visit-cancelled = Mae'r ymweliad â'ch cartref { $when } wedi'i ganslo.
visit-moved = Mae'r ymweliad â'ch cartref wedi symud i { $when }.
visit-moved-card = Bydd { $officer } yn dangos cerdyn adnabod i chi â'r rhif { $card }; gwiriwch ef yn { $link }.
visit-window = { $from }, hyd at { $to }
info-decision-first = Ein penderfyniad: { $decision }.
info-decision-review = Penderfyniad yr adolygiad: { $decision }.
info-outcome-provided = darparwyd yr holl wybodaeth
info-outcome-part_provided = darparwyd rhan o'r wybodaeth
info-outcome-refused = gwrthodwyd
info-outcome-not_held = nid yw'r wybodaeth gennym
info-outcome-upheld = cadarnhawyd y penderfyniad cyntaf
info-outcome-partly_overturned = gwrthdrowyd y penderfyniad cyntaf yn rhannol
info-outcome-overturned = gwrthdrowyd y penderfyniad cyntaf
info-withheld = Mae'r gyfraith yn caniatáu i ni ddal gwybodaeth yn ôl am y rhesymau hyn (fel y mae'r Ddeddf yn eu henwi):
info-closing-foi = Os nad ydych yn hapus â'r ateb hwn, gallwch ofyn am adolygiad mewnol. Bydd rhywun na wnaeth y penderfyniad hwn yn edrych arno eto. Gofynnwch o fewn 40 diwrnod gwaith: atebwch yr e-bost hwn, neu gofynnwch ar dudalen eich achos: { $link }
info-closing-eir = Os nad ydych yn hapus â'r ateb hwn, gallwch ofyn i ni ei ailystyried. Bydd rhywun na wnaeth y penderfyniad hwn yn edrych arno eto. Gofynnwch o fewn 40 diwrnod gwaith: atebwch yr e-bost hwn, neu gofynnwch ar dudalen eich achos: { $link }
info-closing-final = Dyma ein hateb terfynol. Os ydych yn dal yn anhapus, gallwch gwyno i'r Comisiynydd Gwybodaeth. Mae'n rhad ac am ddim ac yn annibynnol. { $regulator }
visit-card-unknown = (gofynnwch am ei weld)

## A date without its weekday: "5 January 2027"
date-short = { $day } { $month } { $year }
