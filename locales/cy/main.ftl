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
