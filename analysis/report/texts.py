"""The report's words in Swedish (sv) and English (en)."""

TEXT = {
    "sv": {
        "synthetic_note": (
            "OBS: denna rapport innehåller skattningar från SYNTETISKA demonstrationsdata (METRIC_INCLUDE_SYNTHETIC=1),"
            " märkta i diagrammen. De är inte enkätsvar och ska inte citeras."),
        "chart_data": "Diagrammets data (tabell)", "download_csv": "Ladda ned som CSV",
        "approx_mark": "* ungefärligt värde eller gräns (cirka, över, under)",
        "riket_panel": "Riket (egen skala)", "riket": "Riket",
        "key_findings": "Nyckelresultat", "overall_index": "METRIC-index (samlat)", "rank": "plats",
        "of_regions": "av 21 län", "of_n": "av {n}", "rank_interval": "90 % osäkerhetsintervall för placeringen",
        "rank_no_interval": "Placeringen saknar osäkerhetsintervall (simuleringen gäller det samlade indexet).",
        "nuts2_region": "NUTS2-region", "edition": "utgåva",
        "rank_interval_short": "osäkerhetsintervall", "rank_no_interval_short": "inget osäkerhetsintervall",
        "no_group": "ingen grupp (rikets värde saknas)",
        "relative_to_riket": "i förhållande till riket", "change_since": "förändring sedan {year}",
        "coverage": "indikatorer med publicerade värden", "not_in_index": (
            "Ingår inte i indexet: ingen giltig indikator i dimensionen publiceras för alla regioner på nivån."),
        "group_leader": "ledande", "group_strong": "stark", "group_moderate": "måttlig",
        "group_emerging": "framväxande", "no_score": "inget indexvärde", "selected_region": "valt län",
        "index_score": "Indexvärde", "map_title": "METRIC-index per län {year} (0-100): {what}",
        "map_source": "Länsgränser: okfse/sweden-geojson", "points": "poäng",
        "cards_note": (
            "Två index: ett för de 21 länen och ett för de åtta NUTS2-regionerna (Sveriges statistiska riksområden, "
            "vart och ett en grupp län), vart och ett byggt på indikatorer "
            "som publiceras för alla regioner på nivån. Varje utgåva använder varje indikators senaste värde, högst "
            "tre år gammalt; belopp i kronor jämförs med riket samma år (fasta termer). Poäng 0-100 där 100 är bästa "
            "region i någon utgåva. Placeringens intervall kommer från tusentals simuleringar av vikter, "
            "normalisering, aggregering, extremvärdesbehandling och utelämnade indikatorer. Övriga dimensioner "
            "beskrivs med regionens egna värden nedan."),
        "lang_name": "Svenska", "other": "English", "title": "Hur mår innovationsekosystemet i {region}?",
        "subtitle": "METRIC warehouse: mätning av regional innovationskapacitet (METRIC), {n_ind} indikatorer i 11 dimensioner",
        "generated": "Skapad", "intro": (
            "Rapporten visar varje indikator i METRIC:s elva dimensioner med de värden som publicerats, deras "
            "relativa utveckling, en principalkomponentanalys (PCA) över åren och datakvaliteten. Fyllda punkter "
            "är publicerade värden, ofyllda punkter gränser och ungefärliga värden (över, under, cirka), staplar "
            "flerårsperioder; en linje bryts där ett år saknas. Nivåer (antal, belopp) för riket visas i en egen "
            "panel, andelar på en skala 0-100 %. Interpolerade värden visas bara i analysavsnittet."),
        "toc": "Innehåll", "overview": "Översikt", "dimension": "Dimension", "indicators": "Indikatorer",
        "figures": "Publicerade värden", "statements": "Kvalitativa uttalanden",
        "statements_heading": "Uttalanden utan siffror", "survey": "Enkätsvar (NLE 2024 m.fl.)",
        "year": "År", "value": "Värde", "share": "Andel (%)", "answer": "Svar", "base": "Bas", "interval_95": "95 % konfidensintervall", "synthetic": "SYNTETISKA demonstrationsdata",
        "survey_note": (
            "Enkätandelar är skattningar från ett urval och visas med 95 % konfidensintervall (felstaplar): Wilsons "
            "intervall med antalet svarande delat med urvalets designeffekt (1,15 för NLE 2024, 305 svar). En andel "
            "på 20 % av 305 svar kan i populationen ligga mellan ungefär 16 och 25 %; skillnader inom intervallen "
            "kan vara slump. För en delgrupp (t.ex. företag som arbetar med innovation) räknas antalet svarande "
            "fram ur den publicerade andelen av basen; en delgrupp med färre än 30 svarande får inget intervall. "
            "Intervallen täcker bara urvalsfelet: svarsfrekvensen var 15 %, och fel av bortfall eller mätning "
            "ingår inte."),
        "observed": "publicerat", "bound": "publicerat (cirka/över/under)", "imputed": "interpolerat",
        "period": "period", "source": "Källa",
        "development": "Relativ utveckling (Figur 4)", "development_text": (
            "Varje indikatorserie skalas min-max över sina egna år med hänsyn till polaritet: 1 (blått) är seriens "
            "bästa år, 0 (rött) dess sämsta; 0,5 (gult) betyder ett enda mätvärde. Fler konkurser och större "
            "rädsla för att misslyckas räknas som försämring."),
        "score": "Poäng (0-1)", "pca": "Principalkomponentanalys (Figur 5 och 6)", "pca_text": (
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
        "trajectory": "Årens förflyttning på PC1-PC2", "supplementary": "supplementär",
        "clusters": "Kluster och styrkor/svagheter", "clusters_text": (
            "Klustren definieras av innehåll, inte av PC1: forskning/kunskap = {research}; marknad/digitalisering = "
            "{market}. Korrelationen mellan klustrens årliga medelvärden är r = {r} (95 % intervall {low} till "
            "{high}, n = {n} år). Rapporten anger r ≈ −0,38 (n = 12: intervall −0,78 till +0,25), ett intervall som "
            "innehåller noll."),
        "clusters_zero": "Vårt intervall innehåller också noll: datan kan inte visa något samband mellan klustren.",
        "clusters_nonzero": "Vårt intervall utesluter noll, men det bygger på få år och ifyllda värden.",
        "cluster_score": "Medelvärde av standardiserade värden (polaritetsjusterade)",
        "research_knowledge": "Forskning/kunskap", "market_digital": "Marknad/digitalisering",
        "strengths": "Förbättras mest", "weaknesses": "Försämras mest", "change": "Förändring i poäng",
        "data": "Data och kvalitet", "sources": "Källor", "file": "Fil", "obtained": "Hur värdena tagits fram",
        "vintage": "Årgång", "licence": "Licens", "checks": "Datakvalitetskontroller",
        "checks_text": "{passed} av {total} kontroller godkända vid senaste körningen; {failed} underkända.",
        "checks_none": "Inga kontrollresultat finns registrerade för den här körningen.",
        "sensitivity_intro": "Vad flyttar länens placeringar i utgåva {edition}? Sobols totalindex, andelen av "
                             "placeringarnas variation som ett antagande förklarar med sina samspel, med 95 % intervall:",
        "sensitivity_lead": "{top} betyder säkert mer än {others};",
        "sensitivity_none": "intervallen överlappar, så ingen ordning mellan antagandena kan fastställas;",
        "anomalies": "Värden som är en datafråga", "anomalies_text": (
            "Ett värde som är noll där serien annars är positiv, eller som ligger långt från sina grannår medan "
            "grannåren stämmer med varandra, är en fråga till utgivaren innan det är en indata: det används inte i "
            "analysen och indexet förrän någon har bekräftat det (med källa)."),
        "indicator": "Indikator", "anomaly_neighbours": "Föregående / nästa värde", "anomaly_why": "Varför", "anomaly_status": "Status",
        "anomaly_confirmed": "bekräftat, används", "anomaly_missing": "obekräftat, används inte",
        "imputed_share": "Andel interpolerade celler i PCA-matrisen: {share} % ({n_imp} av {n_all}).",
        "honesty": (
            "Alla värden i den inbäddade ögonblicksbilden är publicerade siffror med källhänvisning (avsnitt och "
            "diagram i METRIC-rapporten, eller SCB:s, PRV:s och Tillväxtanalys publiceringar). Ingenting är "
            "syntetiskt. Interpolerade värden förekommer bara i analysen och är markerade."),
        "polarity_neg": "mindre är bättre",
        "all_respondents": "alla svarande", "other_answers": "övriga svar (ej publicerade)",
        "stacked_intervals": "95 % konfidensintervall: håll muspekaren över stapeln eller se tabellen",
        "centroid": "tyngdpunkt",
        "to": "till", "published": "publicerat", "other_lan": "övriga län", "peer_title": "METRIC-index per år: länet bland de 21 länen", "series": "Serie", "x": "År eller kategori", "region": "Län", "group": "Grupp",
        "reading": "Om rapporten och hur den läses",
        "versus_riket": "Bättre än riket i {better} av {n} jämförbara serier (senaste gemensamma år).",
        "trend_counts": "Utveckling i perioden: {up} serier förbättras, {down} försämras (av {n}).",
        "original": "Original", "untranslated": "ej översatt", "note": "anmärkning",
        "no_interval": "Inget osäkerhetsintervall: antalet svarande är inte publicerat.",
        "strengths_text": (
            "Poängen är seriens min-max-skalade förändring mellan första och senaste året (−1 till +1, "
            "polaritetsjusterad); tabellen visar också förändringen i indikatorns egen enhet och hur många år "
            "poängen bygger på. Med bara två mätpunkter blir poängen ±1 oavsett hur stor förändringen är."),
        "direction": "Riktning", "first_last": "Första → senaste värde", "change_real": "Förändring",
        "n_points": "Mätpunkter", "two_points": "två mätpunkter: poängen är ±1 per definition, läs förändringen i "
        "egen enhet", "publisher": "Utgivare",
        "printed_report": "Vad den tryckta METRIC-rapporten säger",
        "printed_report_note": (
            "Rapportens egna slutsatser, citerade med avsnitt; pilarna leder till underlaget i den här rapporten. "
            "Det är rapportförfattarnas bedömningar, inte resultat från det här lagret."),
        "no_printed_report": "Det finns ingen tryckt METRIC-rapport för det här länet i lagret.",
        "metric_report": "METRIC-rapporten", "findings_summary": "Sammanfattning", "findings_strength": "Styrkor",
        "findings_challenge": "Utmaningar", "findings_recommendation": "Rekommendationer",
    },
    "en": {
        "synthetic_note": (
            "NOTE: this report includes estimates from SYNTHETIC demonstration data (METRIC_INCLUDE_SYNTHETIC=1), "
            "labelled in the charts. They are not survey answers and must not be cited."),
        "chart_data": "The chart's data (table)", "download_csv": "Download as CSV",
        "approx_mark": "* approximate value or bound (about, over, under)",
        "riket_panel": "Sweden (own scale)", "riket": "Sweden",
        "key_findings": "Key findings", "overall_index": "METRIC index (overall)", "rank": "rank",
        "of_regions": "of 21 län", "of_n": "of {n}", "rank_interval": "90 % uncertainty interval of the rank",
        "rank_no_interval": "No uncertainty interval for this rank (the simulation covers the overall index).",
        "nuts2_region": "NUTS2 region", "edition": "edition",
        "rank_interval_short": "uncertainty interval", "rank_no_interval_short": "no uncertainty interval",
        "no_group": "no group (Sweden's value is missing)",
        "relative_to_riket": "relative to Sweden", "change_since": "change since {year}",
        "coverage": "indicators with published values", "not_in_index": (
            "Not in the index: no valid indicator of this dimension is published for every region of the level."),
        "group_leader": "leader", "group_strong": "strong", "group_moderate": "moderate",
        "group_emerging": "emerging", "no_score": "no index score", "selected_region": "selected län",
        "index_score": "Index score", "map_title": "METRIC index by län, {year} (0-100): {what}",
        "map_source": "Län boundaries: okfse/sweden-geojson", "points": "points",
        "cards_note": (
            "Two indices: one for the 21 län and one for the eight NUTS2 regions (Sweden's statistical regions, each a "
            "group of län), each built from indicators "
            "published for every region of its level. Each edition uses each indicator's latest value, at most "
            "three years old; amounts in SEK are compared with Sweden's in the same year (real terms). Scores 0-100 "
            "where 100 is the best region in any edition. The rank interval comes from thousands of simulations of "
            "the weights, normalisation, aggregation, outlier treatment and left-out indicators. The other "
            "dimensions are described by the region's own values below."),
        "lang_name": "English", "other": "Svenska", "title": "How is the innovation ecosystem of {region} doing?",
        "subtitle": "METRIC warehouse: Measurement of Regional Innovation Capacity, {n_ind} indicators in 11 dimensions",
        "generated": "Generated", "intro": (
            "This report shows every indicator of METRIC's eleven dimensions with its published values, their "
            "relative development, a principal component analysis (PCA) over the years and the data quality. Filled "
            "points are published values, open points bounds and approximations (over, under, about), bars "
            "multi-year periods; a line breaks where a year is missing. Levels (counts, amounts) for Sweden are "
            "drawn in a panel of their own, shares on a 0-100 % scale. Interpolated values appear only in the "
            "analysis section."),
        "toc": "Contents", "overview": "Overview", "dimension": "Dimension", "indicators": "Indicators",
        "figures": "Published values", "statements": "Qualitative statements",
        "statements_heading": "Statements without figures", "survey": "Survey answers (NLE 2024 and others)",
        "year": "Year", "value": "Value", "share": "Share (%)", "answer": "Answer", "base": "Base", "interval_95": "95 % confidence interval", "synthetic": "SYNTHETIC demonstration data",
        "survey_note": (
            "Survey shares are estimates from a sample and are shown with 95 % confidence intervals (error bars): "
            "Wilson intervals with the number of respondents divided by the survey's design effect (1.15 for NLE "
            "2024, 305 answers). A share of 20 % of 305 answers may lie between about 16 and 25 % in the "
            "population; differences within the intervals may be chance. For a subgroup (e.g. firms working with "
            "innovation) the number of respondents is derived from the published share of its base; a subgroup of "
            "fewer than 30 respondents gets no interval. The intervals cover the sampling error only: the response "
            "rate was 15 %, and non-response and measurement error are not in them."),
        "observed": "published", "bound": "published (about/over/under)", "imputed": "interpolated",
        "period": "period", "source": "Source",
        "development": "Relative development (Figure 4)", "development_text": (
            "Each indicator series is min-max scaled over its own years, polarity-aware: 1 (blue) is the series' "
            "best year, 0 (red) its worst; 0.5 (yellow) means a single observation. More bankruptcies and more fear "
            "of failure count as worsening."),
        "score": "Score (0-1)", "pca": "Principal component analysis (Figures 5 and 6)", "pca_text": (
            "Standardised PCA (FactoMineR conventions) with the years {window} as observations: the years the "
            "series cover without carrying a value more than one year. Level series enter as an index to Riket or "
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
        "trajectory": "The years' trajectory on PC1-PC2", "supplementary": "supplementary",
        "clusters": "Clusters, strengths and weaknesses", "clusters_text": (
            "The clusters are defined by meaning, not by PC1: research/knowledge = {research}; market/digital = "
            "{market}. The correlation between the clusters' yearly means is r = {r} (95 % interval {low} to "
            "{high}, n = {n} years). The report gives r ≈ −0.38 (n = 12: interval −0.78 to +0.25), an interval that "
            "contains zero."),
        "clusters_zero": "Our interval contains zero too: the data cannot show any relation between the clusters.",
        "clusters_nonzero": "Our interval excludes zero, but it rests on few years and filled-in values.",
        "cluster_score": "Mean standardised value (polarity-oriented)",
        "research_knowledge": "Research/knowledge", "market_digital": "Market/digital",
        "strengths": "Improving most", "weaknesses": "Worsening most", "change": "Change in score",
        "data": "Data and quality", "sources": "Sources", "file": "File", "obtained": "How the values were obtained",
        "vintage": "Vintage", "licence": "Licence", "checks": "Data-quality checks",
        "checks_text": "{passed} of {total} checks passed in the latest run; {failed} failed.",
        "checks_none": "No check results are recorded for this run.",
        "sensitivity_intro": "What moves the län's ranks in the {edition} edition? Sobol's total index, the share of the "
                             "ranks' variation an assumption explains with its interactions, with 95 % intervals:",
        "sensitivity_lead": "surely more influential than {others}: {top};",
        "sensitivity_none": "the intervals overlap, so no order between the assumptions can be established;",
        "anomalies": "Values that are a data question", "anomalies_text": (
            "A value of zero where the series is otherwise positive, or far from its neighbouring years while they "
            "agree with each other, is a question to the publisher before it is an input: the analysis and the index "
            "do not use it until someone confirms it (with a source)."),
        "indicator": "Indicator", "anomaly_neighbours": "Previous / next value", "anomaly_why": "Why", "anomaly_status": "Status",
        "anomaly_confirmed": "confirmed, used", "anomaly_missing": "unconfirmed, not used",
        "imputed_share": "Share of interpolated cells in the PCA matrix: {share} % ({n_imp} of {n_all}).",
        "honesty": (
            "Every value in the embedded snapshot is a published figure with its citation (section and diagram of "
            "the METRIC report, or publications by SCB, PRV and Tillväxtanalys). Nothing is synthetic. "
            "Interpolated values appear only in the analysis and are marked."),
        "polarity_neg": "less is better",
        "all_respondents": "all respondents", "other_answers": "other answers (not published)",
        "stacked_intervals": "95 % confidence intervals: hover over a bar or see the table",
        "centroid": "centroid",
        "to": "to", "published": "published", "other_lan": "other län", "peer_title": "METRIC index by year: the län among the 21 län", "series": "Series", "x": "Year or category", "region": "Län", "group": "Group",
        "reading": "About this report and how to read it",
        "versus_riket": "Better than Sweden in {better} of {n} comparable series (latest common year).",
        "trend_counts": "Over the period: {up} series improved, {down} worsened (of {n}).",
        "original": "Swedish original", "untranslated": "Swedish original, not translated", "note": "note",
        "no_interval": "No uncertainty interval: the number of respondents is not published.",
        "strengths_text": (
            "The score is the series' min-max-scaled change between its first and latest year (−1 to +1, "
            "polarity-aware); the table also shows the change in the indicator's own unit and how many years the "
            "score rests on. With only two observations the score is ±1 whatever the size of the change."),
        "direction": "Direction", "first_last": "First → latest value", "change_real": "Change",
        "n_points": "Observations", "two_points": "two observations: the score is ±1 by construction, read the "
        "change in its own unit", "publisher": "Publisher",
        "printed_report": "What the printed METRIC report says",
        "printed_report_note": (
            "The report's own conclusions, quoted with their section (translated; the Swedish original beside); "
            "the arrows lead to the evidence in this report. They are the report authors' judgements, not results "
            "of this warehouse."),
        "no_printed_report": "The warehouse holds no printed METRIC report for this län.",
        "metric_report": "METRIC report", "findings_summary": "Summary", "findings_strength": "Strengths",
        "findings_challenge": "Challenges", "findings_recommendation": "Recommendations",
    },
}
