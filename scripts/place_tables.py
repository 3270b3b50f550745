"""Hand-written tables for gen_places.py (written for dossier; MIT OR Apache-2.0, the project's license).

COUNTRY_NAME: canonical English short name used in news, where it differs from
pycountry's common_name/name.
COUNTRY_ALIASES: extra names, acronyms and historic names used in English news.
DEMONYMS: adjective|plural/people forms for every ISO 3166-1 entry (our own list).
"""

COUNTRY_NAME = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "CI": "Ivory Coast", "CV": "Cape Verde",
    "FM": "Micronesia", "FK": "Falkland Islands", "IR": "Iran", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "PS": "Palestine",
    "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania",
    "VA": "Vatican City", "VE": "Venezuela", "VN": "Vietnam",
    "VG": "British Virgin Islands", "VI": "U.S. Virgin Islands", "TR": "Turkey",
    "MF": "Saint Martin", "SX": "Sint Maarten", "MO": "Macau", "CZ": "Czech Republic",
    "SZ": "Eswatini", "MK": "North Macedonia", "TL": "East Timor",
    "CC": "Cocos Islands", "SH": "Saint Helena", "BQ": "Caribbean Netherlands",
    "GM": "The Gambia", "BS": "The Bahamas",
}

COUNTRY_ALIASES = {
    "US": ["United States of America", "US", "U.S.", "USA", "U.S.A.", "America", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "CD": ["Congo", "DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire", "DRCongo"],
    "CG": ["Congo-Brazzaville", "Congo Republic", "Republic of Congo", "Congo"],
    "CI": ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "Cote dIvoire"],
    "MM": ["Burma", "Republic of the Union of Myanmar"],
    "TR": ["Türkiye", "Turkiye", "Republic of Türkiye"],
    "CZ": ["Czechia"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "SY": ["Syrian Arab Republic"],
    "RU": ["Russian Federation"],
    "KR": ["Republic of Korea", "ROK", "S. Korea"],
    "KP": ["Democratic People's Republic of Korea", "DPRK", "N. Korea"],
    "PS": ["Palestinian Territories", "Occupied Palestinian Territories", "State of Palestine", "Palestinian territories"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "SA": ["KSA", "Kingdom of Saudi Arabia"],
    "CF": ["CAR", "Centrafrique"],
    "NL": ["Holland", "The Netherlands"],
    "MK": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cabo Verde"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "VA": ["Holy See", "Vatican"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "TZ": ["United Republic of Tanzania"],
    "VN": ["Viet Nam"],
    "BO": ["Plurinational State of Bolivia"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "MD": ["Republic of Moldova"],
    "BN": ["Brunei Darussalam"],
    "BA": ["Bosnia", "Bosnia-Herzegovina", "BiH"],
    "TW": ["Republic of China", "Chinese Taipei"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "HK": ["Hong Kong SAR"],
    "MO": ["Macao"],
    "DE": ["Federal Republic of Germany"],
    "LK": ["Ceylon"],
    "BF": ["Upper Volta"],
    "BJ": ["Dahomey"],
    "KH": ["Kampuchea"],
    "TH": ["Siam"],
    "EH": ["Sahrawi Arab Democratic Republic", "SADR"],
    "VG": ["Virgin Islands, British"],
    "VI": ["US Virgin Islands", "Virgin Islands, U.S."],
    "FM": ["Federated States of Micronesia"],
    "FK": ["Falklands", "Malvinas", "Falkland Islands (Malvinas)"],
    "GM": ["Gambia"],
    "BS": ["Bahamas"],
    "ST": ["São Tomé and Príncipe", "Sao Tome"],
    "KN": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "LC": ["St Lucia", "St. Lucia"],
    "VC": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "DO": ["Dominican Rep."],
    "GQ": ["Eq. Guinea"],
    "GW": ["Guinea Bissau"],
    "GN": ["Guinea-Conakry"],
    "IE": ["Republic of Ireland", "Eire"],
    "IL": ["State of Israel"],
    "PK": ["Islamic Republic of Pakistan"],
    "YE": ["Republic of Yemen"],
    "SD": ["Republic of the Sudan", "the Sudan"],
    "SS": ["Republic of South Sudan"],
    "SO": ["Federal Republic of Somalia"],
    "NZ": ["Aotearoa"],
    "MF": ["Saint-Martin", "St Martin"],
    "BL": ["St Barts", "Saint Barts"],
    "UM": ["U.S. Minor Outlying Islands"],
}

# adjective | plural (people) forms. Our own list; first value is the adjective.
DEMONYMS_RAW = """
AD Andorran|Andorrans
AE Emirati|Emiratis
AF Afghan|Afghans|Afghani
AG Antiguan|Antiguans|Barbudan|Barbudans
AI Anguillan|Anguillans
AL Albanian|Albanians
AM Armenian|Armenians
AO Angolan|Angolans
AQ Antarctic
AR Argentine|Argentines|Argentinian|Argentinians
AS American Samoan|American Samoans
AT Austrian|Austrians
AU Australian|Australians|Aussie|Aussies
AW Aruban|Arubans
AX Ålander|Ålanders|Alander|Alanders
AZ Azerbaijani|Azerbaijanis|Azeri|Azeris
BA Bosnian|Bosnians|Herzegovinian|Herzegovinians
BB Barbadian|Barbadians|Bajan|Bajans
BD Bangladeshi|Bangladeshis
BE Belgian|Belgians
BF Burkinabe|Burkinabè|Burkinabes
BG Bulgarian|Bulgarians
BH Bahraini|Bahrainis
BI Burundian|Burundians
BJ Beninese
BL Barthélemois|Saint Barthélemy
BM Bermudian|Bermudians
BN Bruneian|Bruneians
BO Bolivian|Bolivians
BQ Bonairean|Bonaireans
BR Brazilian|Brazilians
BS Bahamian|Bahamians
BT Bhutanese
BV Bouvet Island
BW Botswanan|Batswana|Motswana
BY Belarusian|Belarusians|Byelorussian
BZ Belizean|Belizeans
CA Canadian|Canadians
CC Cocos Islander|Cocos Islanders
CD Congolese
CF Central African|Central Africans
CG Congolese
CH Swiss
CI Ivorian|Ivorians
CK Cook Islander|Cook Islanders
CL Chilean|Chileans
CM Cameroonian|Cameroonians
CN Chinese
CO Colombian|Colombians
CR Costa Rican|Costa Ricans
CU Cuban|Cubans
CV Cape Verdean|Cape Verdeans|Cabo Verdean|Cabo Verdeans
CW Curaçaoan|Curaçaoans|Curacaoan
CX Christmas Islander|Christmas Islanders
CY Cypriot|Cypriots
CZ Czech|Czechs
DE German|Germans
DJ Djiboutian|Djiboutians
DK Danish|Dane|Danes
DM Dominican|Dominicans
DO Dominican|Dominicans
DZ Algerian|Algerians
EC Ecuadorian|Ecuadorians|Ecuadorean|Ecuadoreans
EE Estonian|Estonians
EG Egyptian|Egyptians
EH Sahrawi|Sahrawis|Saharawi|Western Saharan
ER Eritrean|Eritreans
ES Spanish|Spaniard|Spaniards
ET Ethiopian|Ethiopians
FI Finnish|Finn|Finns
FJ Fijian|Fijians
FK Falkland Islander|Falkland Islanders
FM Micronesian|Micronesians
FO Faroese
FR French|Frenchman|Frenchmen|Frenchwoman
GA Gabonese
GB British|Briton|Britons|Brit|Brits
GD Grenadian|Grenadians
GE Georgian|Georgians
GF French Guianese
GG Guernsey|Guernseyman
GH Ghanaian|Ghanaians
GI Gibraltarian|Gibraltarians
GL Greenlandic|Greenlander|Greenlanders
GM Gambian|Gambians
GN Guinean|Guineans
GP Guadeloupean|Guadeloupeans
GQ Equatorial Guinean|Equatoguinean|Equatoguineans
GR Greek|Greeks
GS South Georgian
GT Guatemalan|Guatemalans
GU Guamanian|Guamanians
GW Bissau-Guinean|Bissau-Guineans
GY Guyanese
HK Hongkonger|Hongkongers|Hong Konger|Hong Kongers
HM Heard Island
HN Honduran|Hondurans
HR Croatian|Croatians|Croat|Croats
HT Haitian|Haitians
HU Hungarian|Hungarians
ID Indonesian|Indonesians
IE Irish|Irishman|Irishmen
IL Israeli|Israelis
IM Manx
IN Indian|Indians
IO British Indian Ocean Territory
IQ Iraqi|Iraqis
IR Iranian|Iranians|Persian|Persians
IS Icelandic|Icelander|Icelanders
IT Italian|Italians
JE Jersey|Jerseyman
JM Jamaican|Jamaicans
JO Jordanian|Jordanians
JP Japanese
KE Kenyan|Kenyans
KG Kyrgyz|Kyrgyzstani|Kyrgyzstanis|Kirghiz
KH Cambodian|Cambodians
KI I-Kiribati|Kiribati
KM Comoran|Comorans|Comorian|Comorians
KN Kittitian|Kittitians|Nevisian|Nevisians
KP North Korean|North Koreans
KR South Korean|South Koreans
KW Kuwaiti|Kuwaitis
KY Caymanian|Caymanians
KZ Kazakhstani|Kazakhstanis|Kazakh|Kazakhs
LA Laotian|Laotians|Lao
LB Lebanese
LC Saint Lucian|Saint Lucians|St Lucian
LI Liechtensteiner|Liechtensteiners
LK Sri Lankan|Sri Lankans
LR Liberian|Liberians
LS Basotho|Mosotho|Lesothan
LT Lithuanian|Lithuanians
LU Luxembourgish|Luxembourger|Luxembourgers
LV Latvian|Latvians
LY Libyan|Libyans
MA Moroccan|Moroccans
MC Monegasque|Monegasques|Monacan
MD Moldovan|Moldovans
ME Montenegrin|Montenegrins
MF Saint-Martinoise|Saint Martiner
MG Malagasy|Madagascan|Madagascans
MH Marshallese
MK Macedonian|Macedonians|North Macedonian|North Macedonians
ML Malian|Malians
MM Burmese|Myanmar
MN Mongolian|Mongolians
MO Macanese
MP Northern Marianan|Northern Mariana Islander|Northern Mariana Islanders
MQ Martiniquais|Martinican|Martinicans
MR Mauritanian|Mauritanians
MS Montserratian|Montserratians
MT Maltese
MU Mauritian|Mauritians
MV Maldivian|Maldivians
MW Malawian|Malawians
MX Mexican|Mexicans
MY Malaysian|Malaysians
MZ Mozambican|Mozambicans
NA Namibian|Namibians
NC New Caledonian|New Caledonians
NE Nigerien|Nigeriens
NF Norfolk Islander|Norfolk Islanders
NG Nigerian|Nigerians
NI Nicaraguan|Nicaraguans
NL Dutch|Dutchman|Dutchmen|Netherlander|Netherlanders
NO Norwegian|Norwegians
NP Nepali|Nepalis|Nepalese
NR Nauruan|Nauruans
NU Niuean|Niueans
NZ New Zealander|New Zealanders|Kiwi|Kiwis
OM Omani|Omanis
PA Panamanian|Panamanians
PE Peruvian|Peruvians
PF French Polynesian|French Polynesians
PG Papua New Guinean|Papua New Guineans
PH Filipino|Filipinos|Filipina|Filipinas|Philippine
PK Pakistani|Pakistanis
PL Polish|Pole|Poles
PM Saint-Pierrais|Miquelonnais
PN Pitcairn Islander|Pitcairn Islanders
PR Puerto Rican|Puerto Ricans
PS Palestinian|Palestinians
PT Portuguese
PW Palauan|Palauans
PY Paraguayan|Paraguayans
QA Qatari|Qataris
RE Réunionese|Reunionese|Réunionnais
RO Romanian|Romanians
RS Serbian|Serbians|Serb|Serbs
RU Russian|Russians
RW Rwandan|Rwandans
SA Saudi|Saudis|Saudi Arabian|Saudi Arabians
SB Solomon Islander|Solomon Islanders
SC Seychellois
SD Sudanese
SE Swedish|Swede|Swedes
SG Singaporean|Singaporeans
SH Saint Helenian|Saint Helenians
SI Slovenian|Slovenians|Slovene|Slovenes
SJ Svalbard
SK Slovak|Slovaks|Slovakian|Slovakians
SL Sierra Leonean|Sierra Leoneans
SM Sammarinese
SN Senegalese
SO Somali|Somalis|Somalian|Somalians
SR Surinamese|Surinamer|Surinamers
SS South Sudanese
ST Santomean|Santomeans|São Toméan
SV Salvadoran|Salvadorans|Salvadorean|Salvadoreans
SX Sint Maartener|Sint Maarteners
SY Syrian|Syrians
SZ Swazi|Swazis|Emaswati
TC Turks and Caicos Islander|Turks and Caicos Islanders
TD Chadian|Chadians
TF French Southern Territories
TG Togolese
TH Thai|Thais
TJ Tajikistani|Tajikistanis
TK Tokelauan|Tokelauans
TL Timorese|East Timorese
TM Turkmen|Turkmens|Turkmenistani
TN Tunisian|Tunisians
TO Tongan|Tongans
TR Turkish|Turk|Turks
TT Trinidadian|Trinidadians|Tobagonian|Tobagonians|Trinbagonian
TV Tuvaluan|Tuvaluans
TW Taiwanese
TZ Tanzanian|Tanzanians
UA Ukrainian|Ukrainians
UG Ugandan|Ugandans
UM U.S. Minor Outlying Islands
US American|Americans
UY Uruguayan|Uruguayans
UZ Uzbekistani|Uzbekistanis
VA Vatican
VC Vincentian|Vincentians
VE Venezuelan|Venezuelans
VG British Virgin Islander|British Virgin Islanders
VI U.S. Virgin Islander|U.S. Virgin Islanders
VN Vietnamese
VU Ni-Vanuatu|Vanuatuan
WF Wallisian|Futunan|Wallis and Futuna Islander
WS Samoan|Samoans
YE Yemeni|Yemenis|Yemenite
YT Mahoran|Mahorans|Mahorais
ZA South African|South Africans
ZM Zambian|Zambians
ZW Zimbabwean|Zimbabweans
"""

DEMONYMS = {}
for _line in DEMONYMS_RAW.strip().splitlines():
    _cc, _forms = _line.split(" ", 1)
    DEMONYMS[_cc] = _forms.split("|")

# Entries not in ISO 3166-1 but needed for news (user-assigned code XK, as used by the
# EU, GeoNames and others): iso2, iso3, name, aliases, demonyms.
EXTRA_COUNTRIES = [
    ("XK", "XKX", "Kosovo", ["Republic of Kosovo", "Kosova"], ["Kosovar", "Kosovars", "Kosovan", "Kosovans"]),
]

# Ethnic terms that are also demonyms are kept in data/nationalities.tsv instead
# (Kazakh, Uzbek, Tajik, Kyrgyz, Turkmen as ethnic groups).
