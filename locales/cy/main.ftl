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
