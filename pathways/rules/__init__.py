"""The pathways engine: German labour-migration rules as dated, cited, tested data.

Pure Python (no Django): ``engine.evaluate(profile, on)`` gives a verdict per pathway with its
checks, points, steps and summary; ``questions`` declares the questionnaire; ``steps`` the guided
sequences; ``parameters`` the dated figures; ``options.RuleOptions`` the points of doubt.

Glossary: westbalkan = Westbalkanregelung (§ 19c Abs. 1 AufenthG, § 26 Abs. 2 BeschV);
skilled_worker = Fachkraft (§§ 18a, 18b); blue_card = Blaue Karte EU (§ 18g);
accelerated_procedure = beschleunigtes Fachkräfteverfahren (§ 81a); recognition_partnership =
Anerkennungspartnerschaft (§ 16d Abs. 3); opportunity_card = Chancenkarte (§§ 20a, 20b);
experience_route = Erfahrungssäule (§ 19c Abs. 2, § 6 BeschV); recognition_measures =
Anpassungsqualifizierung (§ 16d Abs. 1); language_course = Sprachkurs (§ 16f Abs. 1).

Where the domain digest and the statute differ, the statute wins (see the module docstrings):
§ 2 Abs. 3 S. 6 AufenthG does not fix the Chancenkarte means; § 18g Abs. 2 also covers degrees
that are not comparable; the licence of § 18 Abs. 2 Nr. 3 is the offered job's.
"""
