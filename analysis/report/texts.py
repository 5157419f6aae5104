"""The report's words in Swedish (sv) and English (en). Both pages use the same keys; the English page calls a län a
county and Riket Sweden."""

TEXT = {
    "sv": {
        # page
        "skip": "Hoppa till innehållet", "title": "Hur mår innovationsekosystemet i {region}?",
        "subtitle": "Mätning av regional innovationskapacitet (METRIC): {n_ind} indikatorer i elva dimensioner",
        "generated": "Skapad", "other": "English", "lang_name": "Svenska", "toc": "Innehåll",
        "table_region": "Tabell", "overview": "Översikt",
        "chart": "Diagram", "chart_data": "Diagrammets data (tabell)", "download_csv": "Ladda ned data (CSV)",
        "download_png": "Ladda ned bild (PNG)", "rows": "rader",
        "synthetic_note": (
            "OBS: denna rapport innehåller skattningar från SYNTETISKA demonstrationsdata, märkta i diagrammen. De "
            "är inte enkätsvar och ska inte citeras."),
        "honesty": (
            "Alla värden i den inbäddade ögonblicksbilden är publicerade siffror med källhänvisning (avsnitt och "
            "diagram i METRIC-rapporten, eller SCB:s, PRV:s och Tillväxtanalys publiceringar). Ingenting är "
            "syntetiskt. Interpolerade värden förekommer bara i analysen och är markerade."),
        # first screen
        "key_findings": "Nyckelresultat", "key_findings_edition": "Nyckelresultat: METRIC-indexet, utgåva {edition}",
        "edition_explained": (
            "Allt på den här skärmen gäller utgåva {edition} av indexet: varje indikators senaste värde, högst {lag} "
            "år gammalt, samma år för alla län. Poängen går från 0 till 100 inom utgåvans jämförbara serie (samma "
            "indikatorer varje år), där 100 är bästa län i något år av serien. Placeringens intervall visar hur "
            "säker den är."),
        "no_index": "Indexet är inte beräknat i den här körningen: inga nyckelresultat att visa.",
        "overall_index": "METRIC-index (samlat)", "overall_short": "Samlat index", "edition": "utgåva",
        "points": "poäng", "rank": "plats", "of_n": "av {n}",
        "rank_interval_is": "90 % osäkerhetsintervall: plats {low}–{high}",
        "rank_interval_one": "plats {low} i minst 90 % av simuleringarna",
        "rank_no_interval_short": "utan osäkerhetsintervall",
        "basis_county": ("Länens index i utgåva {edition} vilar på {n} av rapportens {n_all} indikatorer, i {n_dims} "
                         "dimensioner: de som publiceras för alla län. Inom parentes året värdet gäller: {items}."),
        "basis_nuts2": ("Riksområdenas index i utgåva {edition} vilar på {n} indikatorer i {n_dims} dimensioner: "
                        "{items}."),
        "basis_europe": ("Det europeiska indexet i utgåva {edition} vilar på {n} indikatorer i {n_dims} dimensioner: "
                         "{items}."),
        "rank_published_order": "en indikator: de publicerade värdenas ordning, inget kunde variera",
        "against_none": "ingen jämförelse med riket (rikets värde saknas)",
        "against_clearly_above": "tydligt över riket ({pct} % av riket; intervall {low}–{high} %)",
        "against_near": "nära riket ({pct} % av riket; intervallet {low}–{high} % når riket)",
        "against_clearly_below": "tydligt under riket ({pct} % av riket; intervall {low}–{high} %)",
        "against_above": "över riket ({pct} % av riket; en indikator, inget intervall)",
        "against_below": "under riket ({pct} % av riket; en indikator, inget intervall)",
        "tier_line": "Nivå {tier} av {n}: län i samma nivå kan inte skiljas från nivåns bästa.",
        "change_since": "Förändring sedan {year} i utgåvans jämförbara serie (samma indikatorer): {change} poäng",
        "no_change_yet": "Utgåvans jämförbara serie har inget tidigare år med poäng för länet.",
        "nuts2_region": "riksområde (NUTS2), ett av åtta", "nuts2_no_score": "Riksområdet har inget index i utgåva {edition}.",
        "against_heading": "Så läses \u201dmot riket\u201d",
        "against_name_clearly_above": "tydligt över riket",
        "against_define_clearly_above": "hela intervallet ligger över riket (100)",
        "against_name_near": "nära riket",
        "against_define_near": "intervallet når riket: skillnaden kan inte säkerställas",
        "against_name_clearly_below": "tydligt under riket",
        "against_define_clearly_below": "hela intervallet ligger under riket (100)",
        "against_note": ("Varje indikator räknas som länets värde i procent av rikets (omvänt där lägre är bättre) "
                         "och medelvärdet tas inom och mellan dimensionerna: riket = 100, och 112 betyder 12 % över "
                         "riket. Intervallet (5–95 %) kommer från osäkerhetsanalysen. Län vars placeringsintervall "
                         "inte skiljs åt bildar en nivå."),
        "similar_heading": "Liknande län", "similar_more": "Så väljs de.",
        "similar_note": "De fem län som mest liknar länet i storlek, täthet, andel i städer och näringsstruktur.",
        "profile_title": "Länet i alla elva dimensioner mot riket, liknande län och övriga län",
        "profile_chart_note": "Utgåva {edition}, poäng 0–100. En dimension utan poäng kan inte bedömas med data "
                              "för alla län.",
        "profile_not_judged": "bedöms inte i utgåvan (se tabellen nedan)",
        "profile_caption": "Dimensionerna i utgåva {edition}", "dimension": "Dimension",
        "profile_score": "Länets poäng och plats av 21", "profile_riket": "Mot riket",
        "profile_peers": "Bland liknande län", "profile_nuts2": "{region} (riksområde) av 8",
        "profile_own": "Länets egna serier mot riket",
        "peer_rank": "plats {rank} av {n}",
        "not_judged_never": "Bedöms inte: ingen indikator publiceras för alla län.",
        "not_judged_stopped": ("Bedöms inte i utgåva {edition}: indikatorernas senaste värde är från {years}. "
                               "Senast bedömd i utgåva {last}: {rank}."),
        "versus_riket": "Bättre än riket i {better} av {n} jämförbara serier ({years}); jämförelsen har inget "
                        "osäkerhetsmått.",
        "versus_riket_none": "Ingen jämförelse med riket: riket saknar värden för samma serier och år.",
        "cannot_judge": ("Data räcker inte för att bedöma länet mot riket och övriga län i: {dimensions}. För dem "
                         "finns bara länets egna värden och enkätsvar nedan."),
        "cards_note": (
            "Två index byggs, som i RIS: ett för de 21 länen och ett för de åtta riksområdena (NUTS2: Sveriges "
            "statistiska regioner, vart och ett en grupp län), vart och ett på indikatorer som publiceras för alla "
            "regioner på nivån. Belopp i kronor jämförs med rikets värde samma år. Placeringens intervall kommer "
            "från 1 024 oberoende simuleringar av vikter, normalisering, sammanvägning, extremvärdesbehandling och "
            "utelämnade indikatorer."),
        "map_heading": "Karta och utveckling", "map_dimension": "Visa", "selected_region": "valt län",
        "map_title": "METRIC-index per län, utgåva {year}: {what}", "index_score": "Indexvärde",
        "map_source": "Open Knowledge Sweden (länsgränser, förenklade)",
        "map_source_publisher": "Open Knowledge Sweden (länsgränser)",
        "no_score": "inget indexvärde", "other_lan": "övriga län", "similar_lan": "liknande län",
        "other_regions": "övriga regioner", "riket": "Riket", "median": "median",
        "peer_title": "METRIC-index år för år på utgåva {edition}s indikatorer: länet, liknande län, riket och övriga län",
        "series_note": ("Varje år är beräknat på utgåva {edition}s indikatorer, så en förändring längs serien är en "
                        "förändring i data. Ett år där en indikator saknar värde inom åldersgränsen är ett glapp."),
        "editions_caption": ("Utgåvornas indikatorer till och med {edition}: en utgåva med andra indikatorer än den "
                             "senaste har poäng som inte kan jämföras med den senastes serie"),
        "editions_dims": "Dimensioner", "editions_same": "Samma indikatorer som den senaste",
        "editions_added": "Tillkom", "editions_dropped": "Föll bort",
        "editions_not_scored": "inget index (för få dimensioner med sitt innehåll)", "yes": "ja", "no": "nej",
        "tier": "Nivå",
        "sensitivity_intro": "Vilka antaganden flyttar länens placeringar i utgåva {edition}? Andelen av placeringarnas "
                             "variation som varje antagande förklarar, ensamt och tillsammans med de andra, med 95 % "
                             "intervall:",
        "sensitivity_lead": "{top} betyder säkert mer än {others};",
        "sensitivity_none": "intervallen överlappar, så ingen ordning mellan antagandena kan fastställas;",
        # Sweden in Europe
        "europe_heading": "Sverige i Europa",
        "europe_intro": (
            "Det europeiska indexet mäter METRIC:s dimensioner för EU:s regioner på NUTS2-nivå (riksområden), på "
            "indikatorer som publiceras för nästan alla: EU-kommissionens regionala konkurrenskraftsindex 2022 "
            "(patentansökningar, FoU som andel av BNP, utbildning, kunskapsarbetare, marknadspotential, bredband, "
            "tillgänglighet, samarbetande småföretag), kvaliteten i offentlig förvaltning (EQI) och Eurostats "
            "livslånga lärande. Utgåva {edition}: {n_dims} dimensioner, {n_regions} av {n_all} regioner med ett "
            "samlat värde. Poängen normaliseras över Europas regioner; jämförelsen mot EU görs på en kvotskala (EU = "
            "100) med osäkerhetsintervall."),
        "europe_left_out": (
            "Utanför jämförelsen: regioner som indexet slår ihop (sju huvudstadsområden, 15 regioner), regioner vars "
            "gränser ändrats sedan uppgiften publicerades, och värden som inte är regionens egna (ett värde för en "
            "större region eller hela landet som upprepas på regionens rad); databasen listar dem. Entreprenörskap, "
            "affärsstöd, finansiellt kapital och kultur publiceras inte för Europas regioner och bedöms inte här."),
        "europe_card_title": "{region} i Europa, utgåva {edition}",
        "europe_rank": "plats {rank} av {n} regioner i EU ({interval})",
        "europe_group_line": "Grupp i förhållande till EU: {group}",
        "europe_group_sure": "intervallet ligger helt i gruppen",
        "europe_group_unsure": "intervallet sträcker sig från {low} till {high}",
        "europe_groups_note": (
            "Grupperna följer EU:s regionala innovationsresultattavla (RIS): ledande minst 125 % av EU, stark "
            "100–125 %, måttlig 70–100 %, framväxande under 70 %. Här tillämpas gränserna på kvotskalan mot EU (varje "
            "indikator i procent av EU:s värde, medelvärde inom och mellan dimensionerna), inte på resultattavlans "
            "egen skala: grupperna är i RIS stil, inte RIS grupper."),
        "europe_profile_title": "Riksområdet, Sverige och de europeiska jämförelseregionerna mot EU per dimension",
        "europe_profile_note": "Procent av EU:s värde (EU = 100), utgåva {edition}; strecken visar riksområdets 90 % "
                               "osäkerhetsintervall. Värden på en intervallskala (EQI) ingår inte i kvotskalan.",
        "europe_percent_of_eu": "Procent av EU (EU = 100)", "eu_average": "EU = 100",
        "europe_peers_short": "europeiska jämförelseregioner",
        "europe_table_caption": "Riksområdet per dimension i det europeiska indexet, utgåva {edition}",
        "europe_col_region": "{region}: poäng och plats", "europe_col_against": "Mot EU",
        "europe_col_sweden": "Sverige mot EU", "europe_col_peers": "Jämförelseregionerna mot EU",
        "europe_not_scored": "bedöms inte för Europas regioner",
        "europe_peers_heading": "Europeiska jämförelseregioner",
        "europe_peers_method": (
            "De fem regioner i EU utanför Sverige som mest liknar riksområdet i befolkningstäthet, BNP per invånare, "
            "avlägsenhet (den befolkning som kan nås med resor) och andelen sysselsatta inom finans och "
            "företagstjänster; varje begrepp väger lika. Stabiliteten säger hur ofta regionen finns kvar när ett "
            "begrepp i taget lämnas utanför."),
        "europe_peers_caption": "{region}s europeiska jämförelseregioner",
        "europe_country": "Land", "europe_overall_against": "Samlat mot EU",
        "europe_map_heading": "Karta över Europas regioner", "europe_map_title": "Det europeiska indexet per region, utgåva {year}: {what}",
        "europe_map_source": "Eurostat GISCO (NUTS 2021, 1:20 miljoner); de yttersta randområdena ritas inte",
        "selected_nuts2": "valt riksområde", "europe_no_index": "Det europeiska indexet är inte beräknat i den här körningen.",
        "eu_against_none": "ingen jämförelse med EU (värden på en intervallskala, eller EU:s värde saknas)",
        "eu_against_clearly_above": "tydligt över EU ({pct} % av EU; intervall {low}–{high} %)",
        "eu_against_near": "nära EU ({pct} % av EU; intervallet {low}–{high} % når EU)",
        "eu_against_clearly_below": "tydligt under EU ({pct} % av EU; intervall {low}–{high} %)",
        "eu_against_above": "över EU ({pct} % av EU; en indikator, inget intervall)",
        "eu_against_below": "under EU ({pct} % av EU; en indikator, inget intervall)",
        "europe_col_vs_peers": "Mot jämförelseregionerna",
        "europe_vs_peers": "tydligt över {above}, går inte att skilja från {near}, tydligt under {below} av {n}",
        "europe_col_peer": "Region", "europe_col_distance": "Avstånd i struktur",
        "europe_col_stability": "Stabilitet", "europe_peer_robust": "kvar när vilket begrepp som helst lämnas utanför",
        "europe_peer_fragile": "kvar i {share} % av fallen när ett begrepp lämnas utanför",
        "europe_col_role": "Roll", "europe_col_value": "Procent av EU", "europe_col_interval": "90 % intervall",
        "europe_role_selected": "valt riksområde", "europe_role_peer": "europeisk jämförelseregion",
        "europe_no_nuts2": "Länet hör inte till något riksområde i det europeiska indexet.",
        "europe_no_region_score": "Riksområdet har inget samlat värde i det europeiska indexet.",
        "europe_n_ranked": "{n} regioner rangordnade",
        "europe_pct_of_eu": "{pct} % av EU", "europe_col_rank_short": "Plats (90 % intervall)",
        "europe_col_group_short": "Grupp (intervallets ändar)", "europe_col_against_short": "Mot EU (90 % intervall)",
        "europe_map_note": ("Inom parentes: 90 % osäkerhetsintervall för platsen och för procenten av EU, och "
                            "grupperna vid intervallets ändar. Grått: inget samlat värde (uppgifter saknas för "
                            "regionen, eller regionen ingår i ett sammanslaget huvudstadsområde)."),
        "eu_against_aggregate": "{pct} % av EU (summan av Sveriges regioner; inget intervall)",
        "europe_map_control": "Dimension på Europakartan", "europe_groups_heading": "Grupper i förhållande till EU",
        # reading
        "reading": "Om rapporten och hur den läses",
        "intro": (
            "Rapporten visar varje indikator i METRIC:s elva dimensioner med de värden som publicerats, var länet "
            "står bland alla län, den relativa utvecklingen, en principalkomponentanalys (PCA) över åren och "
            "datakvaliteten. Fyllda punkter är publicerade värden, ofyllda trianglar gränser (över, under), ofyllda "
            "punkter ungefärliga värden; ett värde för flera år är en punkt mitt i perioden med perioden utsatt. En "
            "linje bryts där ett år saknas. Nivåer (antal, belopp) för riket visas i en egen panel, andelar och "
            "andra kvoter på samma axel som riket. Interpolerade värden visas bara i analysavsnittet."),
        "survey_note": (
            "Enkätandelar är skattningar från ett urval och visas med 95 % konfidensintervall (felstaplar): Wilsons "
            "intervall med antalet svarande delat med urvalets designeffekt (1,15 för NLE 2024, 305 svar). En andel "
            "på 20 % av 305 svar kan i populationen ligga mellan ungefär 16 och 25 %; skillnader inom intervallen "
            "kan vara slump. För en delgrupp (t.ex. företag som arbetar med innovation) räknas antalet svarande "
            "fram ur den publicerade andelen av basen; en delgrupp med färre än 30 svarande får inget intervall. "
            "Intervallen täcker bara urvalsfelet: svarsfrekvensen var 15 %, och fel av bortfall eller mätning "
            "ingår inte."),
        # indicator sections
        "figures": "Publicerade värden", "statements": "Kvalitativa uttalanden", "indicators": "Indikatorer",
        "statements_heading": "Uttalanden utan siffror", "year": "År", "value": "Värde", "answer": "Svar",
        "base": "Bas", "series": "Serie", "unit": "Enhet", "x": "År eller kategori", "region": "Region", "role": "Roll",
        "group": "Grupp", "period": "period", "qualifier": "Typ av värde", "source": "Källa",
        "interval_95": "95 % konfidensintervall", "synthetic": "SYNTETISKA demonstrationsdata",
        "observed": "publicerat", "published": "publicerat",
        "unconfirmed_point": "obekräftat värde, används inte",
        "survey_separate": "en separat uppgift i rapporten",
        "print_profile": "Skriv ut länets profil (en sida)",
        "band": "Grupp (som i Kolada)", "band_top": "bästa fjärdedelen", "band_middle": "mittersta hälften",
        "band_bottom": "sämsta fjärdedelen",
        "survey_partial": "De publicerade svaren ({base}) summerar till {total} %; övriga svar är inte publicerade.",
        "csv_from_year": "från år", "csv_to_year": "till år", "csv_upper": "övre gräns",
        "csv_ci_low": "95 % intervall, nedre", "csv_ci_high": "95 % intervall, övre",
        "csv_rank_low": "plats, intervallets början (5 %)", "csv_rank_high": "plats, intervallets slut (95 %)",
        "csv_relative": "i procent av referensen", "csv_relative_low": "i procent av referensen, intervallets början",
        "csv_relative_high": "i procent av referensen, intervallets slut", "period_value": "värde för en period",
        "approx_mark": "* ungefärligt värde eller gräns (cirka, över, under)",
        "survey_bars": "Felstaplarna är 95 % konfidensintervall.",
        "riket_panel": "Riket (egen skala: en nivå)", "all_respondents": "alla svarande",
        "polarity_pos": "högre är bättre", "polarity_neg": "lägre är bättre", "polarity_none": "ingen bedömning",
        "latest": "Senaste värde: {year}.", "chart_shows": "{regions}; {years}",
        "latest_old": "Senaste värde: {year}, mer än {limit} år före de senaste uppgifterna i underlaget ({newest}): gamla data.",
        "ranked_title_county": "Alla län: {what}, {year}", "ranked_title_nuts2": "Alla riksområden: {what}, {year}",
        "ranked_note_county": "Alla 21 län, bäst först; länet blått, liknande län randiga; riket och medianen som "
                              "linjer. Ordningen gäller publicerade värden och prövar inte om skillnaderna är "
                              "större än mätfelet.",
        "ranked_note_nuts2": "Publiceras bara för de åtta riksområdena (NUTS2): länets riksområde blått. Ordningen "
                             "gäller publicerade värden och prövar inte om skillnaderna är större än mätfelet.",
        "no_interval": "Inget osäkerhetsintervall: antalet svarande är inte publicerat.",
        "original": "Original", "untranslated": "ej översatt", "note": "anmärkning",
        # analysis
        "development": "Relativ utveckling (Figur 4)", "development_text": (
            "Färgen skalar varje serie min-max över sina egna år med hänsyn till polaritet: blått är seriens "
            "bästa år, rött dess sämsta. Siffran i rutan är det publicerade värdet: en serie från 61 till 64 % och "
            "en från 9 till 1 får båda hela färgskalan, så läs siffrorna. Fler konkurser och större rädsla för att "
            "misslyckas räknas som försämring."),
        "development_caption": "Publicerade värden per serie och år; färgen visar seriens bästa (blått) och "
                               "sämsta (rött) år",
        "score": "Poäng (0–1)", "pca": "Principalkomponentanalys (Figur 5 och 6)", "pca_text": (
            "Standardiserad PCA (FactoMineR-konventioner) med åren {window} som observationer: de år som serierna "
            "täcker utan att värden förs vidare mer än ett år. Nivåserier ingår som index mot riket eller per "
            "invånare. Indikatorer med cos² ≥ {cut} på PC1-PC2-planet behålls; övriga visas som supplementära "
            "variabler (grå, streckade). PC1 förklarar {pc1} % av variansen ({kept} av {total} serier "
            "behållna); {imputed} % av cellerna är ifyllda."),
        "noise_yes": (
            "Jämfört med slumpen: PC1 är större än i 95 % av slumpmässigt permuterade data (p = {p_par}) och "
            "än i 95 % av oberoende slumpvandringar observerade samma år (gräns {rw} %, p = {p_rw}). "
            "Strukturen kan därför skiljas från brus, men med så få år är slutsatsen osäker."),
        "mc_interval": "simuleringens 95 %-intervall",
        "noise_no": (
            "Jämfört med slumpen: oberoende slumpvandringar observerade samma år och ifyllda på samma sätt ger "
            "en lika stor PC1 (95 %-gräns {rw} %, p = {p_rw}; permutationstest p = {p_par}). PC1 kan "
            "därför inte skiljas från brus: datan räcker inte för slutsatsen att en gemensam faktor driver "
            "indikatorerna. Ett p-värde vars simuleringsintervall omfattar 0,05 räknas inte som skilt från brus."),
        "scree": "Egenvärden per komponent (armbågsdiagram)", "component": "Komponent", "eigenvalue": "Egenvärde",
        "cumulative": "Kumulativ andel förklarad varians (%)", "circle": "Korrelationscirkel: indikatorer på PC1-PC2",
        "trajectory": "Årens förflyttning på PC1-PC2", "supplementary": "supplementär", "centroid": "tyngdpunkt",
        "clusters": "Kluster och styrkor/svagheter", "clusters_text": (
            "Klustren definieras av innehåll, inte av PC1: forskning/kunskap = {research}; marknad/digitalisering = "
            "{market}. Korrelationen mellan klustrens årliga medelvärden är r = {r} (95 % intervall {low} till "
            "{high}, n = {n} år). Rapporten anger r ≈ −0,38 (n = 12: intervall −0,78 till +0,25), ett intervall som "
            "innehåller noll."),
        "clusters_zero": "Vårt intervall innehåller också noll: datan kan inte visa något samband mellan klustren.",
        "clusters_nonzero": "Vårt intervall utesluter noll, men det bygger på få år och ifyllda värden.",
        "cluster_score": "Medelvärde av standardiserade värden (polaritetsjusterade)",
        "cluster_score_axis": "Standardiserat medelvärde (z)",
        "research_knowledge": "Forskning/kunskap", "market_digital": "Marknad/digitalisering", "to": "till",
        "strengths": "Förbättras mest", "weaknesses": "Försämras mest", "change": "Förändring i poäng",
        "strengths_text": (
            "Poängen är seriens min-max-skalade förändring mellan första och senaste året (−1 till +1, "
            "polaritetsjusterad); tabellen visar också förändringen i indikatorns egen enhet (för en andel i "
            "procentenheter) och hur många år poängen bygger på. Med bara två mätpunkter blir poängen ±1 oavsett "
            "hur stor förändringen är."),
        "direction": "Riktning", "first_last": "Första → senaste värde", "change_real": "Förändring",
        "n_points": "Mätpunkter", "two_points": "två mätpunkter: poängen är ±1 per definition, läs förändringen i "
        "egen enhet",
        "similar_method": (
            "Liknande län väljs efter hur länet är, inte hur det presterar, som Koladas jämförelsegrupper för "
            "kommuner: folkmängd, befolkningstäthet, andel av befolkningen i storstäder och större städer (SKR:s "
            "kommungrupper) och näringsstruktur (andel sysselsatta i jord- och skogsbruk, industri, bygg, handel "
            "och transport, kunskapsintensiva tjänster och offentlig sektor). Varje mått standardiseras över de 21 "
            "länen, de fyra begreppen väger lika, och de fem närmaste länen är de liknande. Ett län som faller bort "
            "när ett av begreppen utelämnas räknas som osäkert."),
        "similar_rank": "Närmast", "similar_distance": "Avstånd", "similar_stability": "Hur säkert",
        "similar_robust": "kvar oavsett vilket begrepp som utelämnas",
        "similar_fragile": "osäkert: kvar i {share} % av försöken utan ett begrepp",
        "similar_none": "Liknande län är inte beräknade i den här körningen.",
        # data and quality
        "data": "Data och kvalitet", "sources": "Källor", "file": "Fil", "obtained": "Hur värdena tagits fram",
        "vintage": "Årgång", "licence": "Licens", "publisher": "Utgivare", "source_files": "Källfilerna (tabell)",
        "checks": "Datakvalitetskontroller",
        "checks_text": "{passed} av {total} kontroller godkända vid senaste körningen; inte godkända: {failed}.",
        "checks_none": "Inga kontrollresultat finns registrerade för den här körningen.",
        "anomalies": "Värden som är en datafråga", "anomalies_text": (
            "Ett värde som är noll där serien annars är positiv, eller som ligger långt från sina grannår medan "
            "grannåren stämmer med varandra, är en fråga till utgivaren innan det är en indata: det används inte i "
            "analysen och indexet förrän någon har bekräftat det (med källa)."),
        "indicator": "Indikator", "anomaly_neighbours": "Föregående / nästa värde", "anomaly_why": "Varför",
        "anomaly_status": "Status", "anomaly_confirmed": "bekräftat, används",
        "anomaly_missing": "obekräftat, används inte",
        "imputed_share": "Andel interpolerade celler i PCA-matrisen: {share} % ({n_imp} av {n_all}).",
        # the printed report
        "printed_report": "Vad den tryckta METRIC-rapporten säger",
        "printed_report_note": (
            "Rapportens egna slutsatser, citerade med avsnitt; pilarna leder till underlaget i den här rapporten. "
            "Det är rapportförfattarnas bedömningar, inte resultat från den här sammanställningen."),
        "no_printed_report": "Det finns ingen tryckt METRIC-rapport för det här länet i underlaget.",
        "metric_report": "METRIC-rapporten", "findings_summary": "Sammanfattning", "findings_strength": "Styrkor",
        "findings_challenge": "Utmaningar", "findings_recommendation": "Rekommendationer",
    },
    "en": {
        # page
        "skip": "Skip to the content", "title": "How is the innovation ecosystem of {region} doing?",
        "subtitle": "Measurement of Regional Innovation Capacity (METRIC): {n_ind} indicators in eleven dimensions",
        "generated": "Generated", "other": "Svenska", "lang_name": "English", "toc": "Contents", "table_region": "Table",
        "overview": "Overview", "chart": "Chart", "chart_data": "The chart's data (table)",
        "download_csv": "Download the data (CSV)", "download_png": "Download the image (PNG)", "rows": "rows",
        "synthetic_note": (
            "NOTE: this report includes estimates from SYNTHETIC demonstration data, labelled in the charts. They are "
            "not survey answers and must not be cited."),
        "honesty": (
            "Every value in the embedded snapshot is a published figure with its citation (section and diagram of "
            "the METRIC report, or publications by SCB, PRV and Tillväxtanalys). Nothing is synthetic. "
            "Interpolated values appear only in the analysis and are marked."),
        # first screen
        "key_findings": "Key findings", "key_findings_edition": "Key findings: the METRIC index, {edition} edition",
        "edition_explained": (
            "Everything on this screen is the {edition} edition of the index: each indicator's latest value, at "
            "most {lag} years old, the same year for every county. Scores run from 0 to 100 within the edition's "
            "comparable series (the same indicators every year), where 100 is the best county in any year of the "
            "series. The interval of a rank says how sure it is."),
        "no_index": "The index was not computed in this run: no key findings to show.",
        "overall_index": "METRIC index (overall)", "overall_short": "Overall index", "edition": "edition",
        "points": "points", "rank": "rank", "of_n": "of {n}",
        "rank_interval_is": "90 % uncertainty interval: rank {low}–{high}",
        "rank_interval_one": "rank {low} in at least 90 % of the simulations",
        "rank_no_interval_short": "no uncertainty interval",
        "basis_county": ("The counties' index in the {edition} edition rests on {n} of the report's {n_all} "
                         "indicators, in {n_dims} dimensions: those published for every county. In brackets the year "
                         "each value is for: {items}."),
        "basis_nuts2": ("The statistical regions' index in the {edition} edition rests on {n} indicators in {n_dims} "
                        "dimensions: {items}."),
        "basis_europe": ("The European index in the {edition} edition rests on {n} indicators in {n_dims} "
                         "dimensions: {items}."),
        "rank_published_order": "one indicator: the order of the published values, nothing could vary",
        "against_none": "no comparison with Sweden (Sweden's value is missing)",
        "against_clearly_above": "clearly above Sweden ({pct} % of Sweden; interval {low}–{high} %)",
        "against_near": "near Sweden ({pct} % of Sweden; the interval {low}–{high} % reaches Sweden)",
        "against_clearly_below": "clearly below Sweden ({pct} % of Sweden; interval {low}–{high} %)",
        "against_above": "above Sweden ({pct} % of Sweden; one indicator, no interval)",
        "against_below": "below Sweden ({pct} % of Sweden; one indicator, no interval)",
        "tier_line": "Tier {tier} of {n}: counties in one tier cannot be told apart from its best.",
        "change_since": "Change since {year} along the edition's comparable series (same indicators): {change} points",
        "no_change_yet": "The edition's comparable series has no earlier year with a score for the county.",
        "nuts2_region": "statistical region (NUTS2), one of eight",
        "nuts2_no_score": "The statistical region has no index in the {edition} edition.",
        "against_heading": "How to read \u201cagainst Sweden\u201d",
        "against_name_clearly_above": "clearly above Sweden",
        "against_define_clearly_above": "the whole interval lies above Sweden (100)",
        "against_name_near": "near Sweden",
        "against_define_near": "the interval reaches Sweden: the difference cannot be established",
        "against_name_clearly_below": "clearly below Sweden",
        "against_define_clearly_below": "the whole interval lies below Sweden (100)",
        "against_note": ("Each indicator counts as the county's value in per cent of Sweden's (inverted where lower "
                         "is better), averaged within and across the dimensions: Sweden = 100, and 112 means 12 % "
                         "above Sweden. The interval (5–95 %) comes from the uncertainty analysis. Counties whose "
                         "rank intervals do not separate form a tier."),
        "similar_heading": "Similar counties", "similar_more": "How they are chosen.",
        "similar_note": "The five counties most like this one in size, density, urban share and industry mix.",
        "profile_title": "The county on all eleven dimensions against Sweden, similar counties and the others",
        "profile_chart_note": "{edition} edition, scores 0–100. A dimension without scores cannot be judged with data "
                              "for every county.",
        "profile_not_judged": "not judged in this edition (see the table below)",
        "profile_caption": "The dimensions in the {edition} edition", "dimension": "Dimension",
        "profile_score": "The county's score and rank of 21", "profile_riket": "Against Sweden",
        "profile_peers": "Among similar counties", "profile_nuts2": "{region} (statistical region) of 8",
        "profile_own": "The county's own series against Sweden",
        "peer_rank": "rank {rank} of {n}",
        "not_judged_never": "Not judged: no indicator is published for every county.",
        "not_judged_stopped": ("Not judged in the {edition} edition: its indicators' latest value is from {years}. "
                               "Last judged in the {last} edition: {rank}."),
        "versus_riket": "Better than Sweden in {better} of {n} comparable series ({years}); the comparison carries no "
                        "measure of uncertainty.",
        "versus_riket_none": "No comparison with Sweden: Sweden has no values for the same series and years.",
        "cannot_judge": ("The data cannot judge the county against Sweden and the other counties on: {dimensions}. "
                         "For these there are only the county's own values and survey answers below."),
        "cards_note": (
            "Two indices are built, as in RIS: one for the 21 counties and one for the eight statistical regions "
            "(NUTS2: Sweden's statistical regions, each a group of counties), each on indicators published for "
            "every region of its level. Amounts in SEK are compared with Sweden's value in the same year. The "
            "rank interval comes from 1,024 independent simulations of the weights, normalisation, aggregation, "
            "outlier treatment and left-out indicators."),
        "map_heading": "Map and development", "map_dimension": "Show", "selected_region": "selected county",
        "map_title": "METRIC index by county, {year} edition: {what}", "index_score": "Index score",
        "map_source": "Open Knowledge Sweden (county boundaries, simplified)",
        "map_source_publisher": "Open Knowledge Sweden (county boundaries)",
        "no_score": "no index score", "other_lan": "other counties", "similar_lan": "similar counties",
        "other_regions": "other regions", "riket": "Sweden", "median": "median",
        "peer_title": "METRIC index year by year on the {edition} edition's indicators: the county, similar counties, "
                      "Sweden and the others",
        "series_note": ("Every year is computed on the {edition} edition's indicators, so a change along the series "
                        "is a change in the data. A year in which an indicator has no value within the age limit is "
                        "a gap."),
        "editions_caption": ("The editions' indicators up to {edition}: an edition with other indicators than the "
                             "latest has scores that cannot be compared with the latest's series"),
        "editions_dims": "Dimensions", "editions_same": "The same indicators as the latest",
        "editions_added": "Added", "editions_dropped": "Dropped",
        "editions_not_scored": "no index (too few dimensions with their content)", "yes": "yes", "no": "no",
        "tier": "Tier",
        "sensitivity_intro": "Which assumptions move the counties' ranks in the {edition} edition? The share of the "
                             "ranks' variation each assumption explains, alone and together with the others, with "
                             "95 % intervals:",
        "sensitivity_lead": "surely more influential than {others}: {top};",
        "sensitivity_none": "the intervals overlap, so no order between the assumptions can be established;",
        # Sweden in Europe
        "europe_heading": "Sweden in Europe",
        "europe_intro": (
            "The European index measures METRIC's dimensions for the EU's NUTS2 regions, on indicators published for "
            "nearly all of them: the European Commission's Regional Competitiveness Index 2022 (patent applications, "
            "R&D as a share of GDP, education, knowledge workers, market potential, broadband, accessibility, "
            "collaborating SMEs), the quality of government (EQI) and Eurostat's lifelong learning. The {edition} "
            "edition: {n_dims} dimensions, {n_regions} of {n_all} regions with an overall value. Scores are "
            "normalised over Europe's regions; the comparison with the EU is made on a ratio scale (EU = 100) with "
            "uncertainty intervals."),
        "europe_left_out": (
            "Outside the comparison: regions the index merges (seven capital areas, 15 regions), regions whose "
            "boundaries changed since the figure was published, and values that are not the region's own (a value "
            "for a larger region or the whole country repeated on the region's row); the database lists them. "
            "Entrepreneurship, business support, financial capital and culture are not published for Europe's "
            "regions and are not judged here."),
        "europe_card_title": "{region} in Europe, {edition} edition",
        "europe_rank": "rank {rank} of {n} regions in the EU ({interval})",
        "europe_group_line": "Group relative to the EU: {group}",
        "europe_group_sure": "the interval lies wholly in the group",
        "europe_group_unsure": "the interval runs from {low} to {high}",
        "europe_groups_note": (
            "The groups follow the EU's Regional Innovation Scoreboard (RIS): leader at least 125 % of the EU, strong "
            "100–125 %, moderate 70–100 %, emerging below 70 %. Here the thresholds are applied to the ratio scale "
            "against the EU (each indicator in per cent of the EU's value, averaged within and across dimensions), "
            "not to the scoreboard's own scale: the groups are in RIS's style, not RIS's groups."),
        "europe_profile_title": "The statistical region, Sweden and the European peers against the EU by dimension",
        "europe_profile_note": "Per cent of the EU's value (EU = 100), {edition} edition; the bars show the region's "
                               "90 % uncertainty interval. Values on an interval scale (the EQI) are not on the "
                               "ratio scale.",
        "europe_percent_of_eu": "Per cent of the EU (EU = 100)", "eu_average": "EU = 100",
        "europe_peers_short": "European peers",
        "europe_table_caption": "The statistical region by dimension in the European index, {edition} edition",
        "europe_col_region": "{region}: score and rank", "europe_col_against": "Against the EU",
        "europe_col_sweden": "Sweden against the EU", "europe_col_peers": "The peers against the EU",
        "europe_not_scored": "not judged for Europe's regions",
        "europe_peers_heading": "European peers",
        "europe_peers_method": (
            "The five regions of the EU outside Sweden most like the statistical region in population density, GDP "
            "per inhabitant, remoteness (the population reachable by travel) and the share employed in finance and "
            "business services; each concept weighs the same. The stability says how often a region stays when one "
            "concept at a time is left out."),
        "europe_peers_caption": "The European peers of {region}",
        "europe_country": "Country", "europe_overall_against": "Overall against the EU",
        "europe_map_heading": "Map of Europe's regions", "europe_map_title": "The European index by region, {year} edition: {what}",
        "europe_map_source": "Eurostat GISCO (NUTS 2021, 1:20 million); the outermost regions are not drawn",
        "selected_nuts2": "selected statistical region", "europe_no_index": "The European index was not computed in this run.",
        "eu_against_none": "no comparison with the EU (values on an interval scale, or the EU's value is missing)",
        "eu_against_clearly_above": "clearly above the EU ({pct} % of the EU; interval {low}–{high} %)",
        "eu_against_near": "near the EU ({pct} % of the EU; the interval {low}–{high} % reaches the EU)",
        "eu_against_clearly_below": "clearly below the EU ({pct} % of the EU; interval {low}–{high} %)",
        "eu_against_above": "above the EU ({pct} % of the EU; one indicator, no interval)",
        "eu_against_below": "below the EU ({pct} % of the EU; one indicator, no interval)",
        "europe_col_vs_peers": "Against the peers",
        "europe_vs_peers": "clearly above {above}, cannot be told apart from {near}, clearly below {below} of {n}",
        "europe_col_peer": "Region", "europe_col_distance": "Distance in structure",
        "europe_col_stability": "Stability", "europe_peer_robust": "stays whichever concept is left out",
        "europe_peer_fragile": "stays in {share} % of the cases when one concept is left out",
        "europe_col_role": "Role", "europe_col_value": "Per cent of the EU", "europe_col_interval": "90 % interval",
        "europe_role_selected": "selected statistical region", "europe_role_peer": "European peer",
        "europe_no_nuts2": "The county belongs to no statistical region of the European index.",
        "europe_no_region_score": "The statistical region has no overall score in the European index.",
        "europe_n_ranked": "{n} regions ranked",
        "europe_pct_of_eu": "{pct} % of the EU", "europe_col_rank_short": "Rank (90 % interval)",
        "europe_col_group_short": "Group (the interval's ends)", "europe_col_against_short": "Against the EU (90 % interval)",
        "europe_map_note": ("In brackets: the 90 % uncertainty intervals of the rank and of the per cent of the EU, "
                            "and the groups at the interval's ends. Grey: no overall value (data missing for the "
                            "region, or the region is part of a merged capital area)."),
        "eu_against_aggregate": "{pct} % of the EU (the sum of Sweden's regions; no interval)",
        "europe_map_control": "Dimension on the map of Europe", "europe_groups_heading": "Groups relative to the EU",
        # reading
        "reading": "About this report and how to read it",
        "intro": (
            "This report shows every indicator of METRIC's eleven dimensions with its published values, where the "
            "county stands among all counties, the relative development, a principal component analysis (PCA) over "
            "the years and the data quality. Filled points are published values, open triangles bounds (over, "
            "under), open points approximations; a value for several years is one point in the middle of its "
            "period with the period written beside it. A line breaks where a year is missing. Levels (counts, "
            "amounts) for Sweden are drawn in a panel of their own, shares and other rates on Sweden's axis. "
            "Interpolated values appear only in the analysis section."),
        "survey_note": (
            "Survey shares are estimates from a sample and are shown with 95 % confidence intervals (error bars): "
            "Wilson intervals with the number of respondents divided by the survey's design effect (1.15 for NLE "
            "2024, 305 answers). A share of 20 % of 305 answers may lie between about 16 and 25 % in the "
            "population; differences within the intervals may be chance. For a subgroup (e.g. firms working with "
            "innovation) the number of respondents is derived from the published share of its base; a subgroup of "
            "fewer than 30 respondents gets no interval. The intervals cover the sampling error only: the response "
            "rate was 15 %, and non-response and measurement error are not in them."),
        # indicator sections
        "figures": "Published values", "statements": "Qualitative statements", "indicators": "Indicators",
        "statements_heading": "Statements without figures", "year": "Year", "value": "Value", "answer": "Answer",
        "base": "Base", "series": "Series", "unit": "Unit", "x": "Year or category", "region": "Region", "role": "Role",
        "group": "Group", "period": "period", "qualifier": "Kind of value", "source": "Source",
        "interval_95": "95 % confidence interval", "synthetic": "SYNTHETIC demonstration data",
        "observed": "published", "published": "published",
        "unconfirmed_point": "unconfirmed value, not used",
        "survey_separate": "a separate figure in the report",
        "print_profile": "Print the county's profile (one page)",
        "band": "Band (as in Kolada)", "band_top": "best quarter", "band_middle": "middle half",
        "band_bottom": "worst quarter",
        "survey_partial": "The published answers ({base}) add up to {total} %; the other answers were not published.",
        "csv_from_year": "from year", "csv_to_year": "to year", "csv_upper": "upper bound",
        "csv_ci_low": "95 % interval, lower", "csv_ci_high": "95 % interval, upper",
        "csv_rank_low": "rank, interval's start (5 %)", "csv_rank_high": "rank, interval's end (95 %)",
        "csv_relative": "per cent of the reference", "csv_relative_low": "per cent of the reference, interval's start",
        "csv_relative_high": "per cent of the reference, interval's end", "period_value": "value for a period",
        "approx_mark": "* approximate value or bound (about, over, under)",
        "survey_bars": "The error bars are 95 % confidence intervals.",
        "riket_panel": "Sweden (own scale: a level)", "all_respondents": "all respondents",
        "polarity_pos": "higher is better", "polarity_neg": "lower is better", "polarity_none": "no judgement",
        "latest": "Latest value: {year}.", "chart_shows": "{regions}; {years}",
        "latest_old": "Latest value: {year}, more than {limit} years before the newest data in this report "
                      "({newest}): old data.",
        "ranked_title_county": "All counties: {what}, {year}",
        "ranked_title_nuts2": "All statistical regions: {what}, {year}",
        "ranked_note_county": "All 21 counties, best first; the county blue, similar counties hatched; Sweden and the "
                              "median as lines. The order is of published values; it does not test whether a "
                              "difference exceeds the measurement error.",
        "ranked_note_nuts2": "Published only for the eight statistical regions (NUTS2): the county's region in blue. "
                             "The order is of published values; it does not test whether a difference exceeds the "
                             "measurement error.",
        "no_interval": "No uncertainty interval: the number of respondents is not published.",
        "original": "Swedish original", "untranslated": "Swedish original, not translated", "note": "note",
        # analysis
        "development": "Relative development (Figure 4)", "development_text": (
            "The colour scales each series min-max over its own years, polarity-aware: blue is the series' best "
            "year, red its worst. The number in a cell is the published value: a series from 61 to 64 % and one from "
            "9 to 1 both take the whole colour scale, so read the numbers. More bankruptcies and more fear of failure "
            "count as worsening."),
        "development_caption": "Published values by series and year; the colour shows the series' best (blue) "
                               "and worst (red) year",
        "score": "Score (0–1)", "pca": "Principal component analysis (Figures 5 and 6)", "pca_text": (
            "Standardised PCA (FactoMineR conventions) with the years {window} as observations: the years the "
            "series cover without carrying a value more than one year. Level series enter as an index to Sweden or "
            "per inhabitant. Indicators with cos² ≥ {cut} on the PC1-PC2 plane are kept; the others are shown as "
            "supplementary variables (grey, dashed). PC1 explains {pc1} % of the variance ({kept} of {total} "
            "series kept); {imputed} % of the cells are filled in."),
        "noise_yes": (
            "Against chance: PC1 is larger than in 95 % of column-permuted data (p = {p_par}) and than in 95 % "
            "of independent random walks observed in the same years (threshold {rw} %, p = {p_rw}). The "
            "structure is distinguishable from noise, though with so few years the conclusion is fragile."),
        "mc_interval": "the simulation's 95 % interval",
        "noise_no": (
            "Against chance: independent random walks observed in the same years and filled in the same way give "
            "as large a PC1 (95 % threshold {rw} %, p = {p_rw}; permutation test p = {p_par}). PC1 is "
            "not distinguishable from noise: the data cannot support the conclusion that one common factor drives "
            "the indicators. A p-value whose simulation interval includes 0.05 does not count as distinguishable "
            "from noise."),
        "scree": "Eigenvalues (scree plot)", "component": "Component", "eigenvalue": "Eigenvalue",
        "cumulative": "Cumulative explained variance (%)", "circle": "Correlation circle: indicators on PC1-PC2",
        "trajectory": "The years' trajectory on PC1-PC2", "supplementary": "supplementary", "centroid": "centroid",
        "clusters": "Clusters, strengths and weaknesses", "clusters_text": (
            "The clusters are defined by meaning, not by PC1: research/knowledge = {research}; market/digital = "
            "{market}. The correlation between the clusters' yearly means is r = {r} (95 % interval {low} to "
            "{high}, n = {n} years). The report gives r ≈ −0.38 (n = 12: interval −0.78 to +0.25), an interval that "
            "contains zero."),
        "clusters_zero": "Our interval contains zero too: the data cannot show any relation between the clusters.",
        "clusters_nonzero": "Our interval excludes zero, but it rests on few years and filled-in values.",
        "cluster_score": "Mean standardised value (polarity-oriented)",
        "cluster_score_axis": "Mean standardised value (z)",
        "research_knowledge": "Research/knowledge", "market_digital": "Market/digital", "to": "to",
        "strengths": "Improving most", "weaknesses": "Worsening most", "change": "Change in score",
        "strengths_text": (
            "The score is the series' min-max-scaled change between its first and latest year (−1 to +1, "
            "polarity-aware); the table also shows the change in the indicator's own unit (for a share in "
            "percentage points) and how many years the score rests on. With only two observations the score is ±1 "
            "whatever the size of the change."),
        "direction": "Direction", "first_last": "First → latest value", "change_real": "Change",
        "n_points": "Observations", "two_points": "two observations: the score is ±1 by construction, read the "
        "change in its own unit",
        "similar_method": (
            "Similar counties are chosen by what a county is like, not by how it performs, as Kolada's comparison "
            "groups are for municipalities: population, population density, the share of the population living in "
            "cities and larger towns (SKR's municipality groups) and industry mix (the shares employed in "
            "agriculture and forestry, industry, construction, trade and transport, knowledge-intensive services "
            "and the public sector). Each measure is standardised over the 21 counties, the four concepts weigh the "
            "same, and the five nearest counties are the similar ones. A county that drops out when one concept is "
            "left out counts as uncertain."),
        "similar_rank": "Nearest", "similar_distance": "Distance", "similar_stability": "How sure",
        "similar_robust": "kept whichever concept is left out",
        "similar_fragile": "uncertain: kept in {share} % of the runs without one concept",
        "similar_none": "Similar counties were not computed in this run.",
        # data and quality
        "data": "Data and quality", "sources": "Sources", "file": "File", "obtained": "How the values were obtained",
        "vintage": "Vintage", "licence": "Licence", "publisher": "Publisher", "source_files": "The source files (table)",
        "checks": "Data-quality checks",
        "checks_text": "{passed} of {total} checks passed in the latest run; {failed} failed.",
        "checks_none": "No check results are recorded for this run.",
        "anomalies": "Values that are a data question", "anomalies_text": (
            "A value of zero where the series is otherwise positive, or far from its neighbouring years while they "
            "agree with each other, is a question to the publisher before it is an input: the analysis and the index "
            "do not use it until someone confirms it (with a source)."),
        "indicator": "Indicator", "anomaly_neighbours": "Previous / next value", "anomaly_why": "Why",
        "anomaly_status": "Status", "anomaly_confirmed": "confirmed, used", "anomaly_missing": "unconfirmed, not used",
        "imputed_share": "Share of interpolated cells in the PCA matrix: {share} % ({n_imp} of {n_all}).",
        # the printed report
        "printed_report": "What the printed METRIC report says",
        "printed_report_note": (
            "The report's own conclusions, quoted with their section (translated; the Swedish original beside); "
            "the arrows lead to the evidence in this report. They are the report authors' judgements, not results "
            "of this compilation."),
        "no_printed_report": "There is no printed METRIC report for this county in the data.",
        "metric_report": "METRIC report", "findings_summary": "Summary", "findings_strength": "Strengths",
        "findings_challenge": "Challenges", "findings_recommendation": "Recommendations",
    },
}
