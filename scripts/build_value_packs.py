"""Build the vendored locale value packs under src/testdatagen/providers/data/.

Faker (MIT) is the main source and Mimesis (MIT) fills gaps; both are
*build-time* sources only: at run time testdatagen reads nothing but the
files written here, so upgrading Faker never changes generated data.

Where the sources do not link cities to regions, postcodes and area codes,
each locale gets a small curated table of real major cities (name, region,
region abbreviation, postcode prefix, telephone area code, latitude,
longitude, population in thousands). These are public facts, written down
by hand for this project; they are documented in docs/providers.md.

Run:  .venv/bin/python scripts/build_value_packs.py
The output is deterministic (sorted JSON, gzip mtime 0), so re-running with
the same Faker/Mimesis versions reproduces the same bytes and sha256 pins.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter, OrderedDict
from importlib import metadata
from pathlib import Path
from typing import Any

from faker import Faker

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "testdatagen" / "providers" / "data"
PACK_VERSION = 1
LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "pt_BR", "ja_JP")
MIMESIS_CODE = {"ja_JP": "ja", "pt_BR": "pt"}

# name, region, region_abbr, postcode prefix, area code, lat, lon, population (thousands)
City = tuple[str, str, str, str, str, float, float, int]

CITIES: dict[str, list[City]] = {
    "en_US": [
        ("New York", "New York", "NY", "100", "212", 40.7128, -74.0060, 8336),
        ("Los Angeles", "California", "CA", "900", "213", 34.0522, -118.2437, 3822),
        ("Chicago", "Illinois", "IL", "606", "312", 41.8781, -87.6298, 2665),
        ("Houston", "Texas", "TX", "770", "713", 29.7604, -95.3698, 2303),
        ("Phoenix", "Arizona", "AZ", "850", "602", 33.4484, -112.0740, 1644),
        ("Philadelphia", "Pennsylvania", "PA", "191", "215", 39.9526, -75.1652, 1567),
        ("San Antonio", "Texas", "TX", "782", "210", 29.4241, -98.4936, 1472),
        ("San Diego", "California", "CA", "921", "619", 32.7157, -117.1611, 1381),
        ("Dallas", "Texas", "TX", "752", "214", 32.7767, -96.7970, 1300),
        ("San Jose", "California", "CA", "951", "408", 37.3382, -121.8863, 971),
        ("Austin", "Texas", "TX", "787", "512", 30.2672, -97.7431, 974),
        ("Jacksonville", "Florida", "FL", "322", "904", 30.3322, -81.6557, 955),
        ("Columbus", "Ohio", "OH", "432", "614", 39.9612, -82.9988, 907),
        ("Charlotte", "North Carolina", "NC", "282", "704", 35.2271, -80.8431, 897),
        ("Indianapolis", "Indiana", "IN", "462", "317", 39.7684, -86.1581, 880),
        ("Seattle", "Washington", "WA", "981", "206", 47.6062, -122.3321, 749),
        ("Denver", "Colorado", "CO", "802", "303", 39.7392, -104.9903, 713),
        ("Boston", "Massachusetts", "MA", "021", "617", 42.3601, -71.0589, 650),
        ("Nashville", "Tennessee", "TN", "372", "615", 36.1627, -86.7816, 683),
        ("Portland", "Oregon", "OR", "972", "503", 45.5152, -122.6784, 635),
        ("Atlanta", "Georgia", "GA", "303", "404", 33.7490, -84.3880, 499),
        ("Miami", "Florida", "FL", "331", "305", 25.7617, -80.1918, 450),
        ("Minneapolis", "Minnesota", "MN", "554", "612", 44.9778, -93.2650, 425),
        ("Detroit", "Michigan", "MI", "482", "313", 42.3314, -83.0458, 620),
        ("Las Vegas", "Nevada", "NV", "891", "702", 36.1699, -115.1398, 656),
    ],
    "de_DE": [
        ("Berlin", "Berlin", "BE", "10", "30", 52.5200, 13.4050, 3755),
        ("Hamburg", "Hamburg", "HH", "20", "40", 53.5511, 9.9937, 1892),
        ("München", "Bayern", "BY", "80", "89", 48.1351, 11.5820, 1512),
        ("Köln", "Nordrhein-Westfalen", "NW", "50", "221", 50.9375, 6.9603, 1084),
        ("Frankfurt am Main", "Hessen", "HE", "60", "69", 50.1109, 8.6821, 773),
        ("Stuttgart", "Baden-Württemberg", "BW", "70", "711", 48.7758, 9.1829, 633),
        ("Düsseldorf", "Nordrhein-Westfalen", "NW", "40", "211", 51.2277, 6.7735, 629),
        ("Leipzig", "Sachsen", "SN", "04", "341", 51.3397, 12.3731, 616),
        ("Dortmund", "Nordrhein-Westfalen", "NW", "44", "231", 51.5136, 7.4653, 593),
        ("Essen", "Nordrhein-Westfalen", "NW", "45", "201", 51.4556, 7.0116, 584),
        ("Bremen", "Bremen", "HB", "28", "421", 53.0793, 8.8017, 577),
        ("Dresden", "Sachsen", "SN", "01", "351", 51.0504, 13.7373, 564),
        ("Hannover", "Niedersachsen", "NI", "30", "511", 52.3759, 9.7320, 548),
        ("Nürnberg", "Bayern", "BY", "90", "911", 49.4521, 11.0767, 523),
        ("Duisburg", "Nordrhein-Westfalen", "NW", "47", "203", 51.4344, 6.7623, 503),
        ("Bonn", "Nordrhein-Westfalen", "NW", "53", "228", 50.7374, 7.0982, 336),
        ("Mannheim", "Baden-Württemberg", "BW", "68", "621", 49.4875, 8.4660, 315),
        ("Kiel", "Schleswig-Holstein", "SH", "24", "431", 54.3233, 10.1228, 247),
        ("Mainz", "Rheinland-Pfalz", "RP", "55", "6131", 49.9929, 8.2473, 220),
        ("Erfurt", "Thüringen", "TH", "99", "361", 50.9848, 11.0299, 214),
        ("Magdeburg", "Sachsen-Anhalt", "ST", "39", "391", 52.1205, 11.6276, 240),
        ("Potsdam", "Brandenburg", "BB", "14", "331", 52.3906, 13.0645, 183),
        ("Schwerin", "Mecklenburg-Vorpommern", "MV", "19", "385", 53.6355, 11.4012, 98),
        ("Saarbrücken", "Saarland", "SL", "66", "681", 49.2402, 6.9969, 181),
    ],
    "fr_FR": [
        ("Paris", "Île-de-France", "IDF", "750", "1 42", 48.8566, 2.3522, 2103),
        ("Marseille", "Provence-Alpes-Côte d'Azur", "PAC", "130", "4 91", 43.2965, 5.3698, 873),
        ("Lyon", "Auvergne-Rhône-Alpes", "ARA", "690", "4 72", 45.7640, 4.8357, 522),
        ("Toulouse", "Occitanie", "OCC", "310", "5 61", 43.6047, 1.4442, 504),
        ("Nice", "Provence-Alpes-Côte d'Azur", "PAC", "060", "4 93", 43.7102, 7.2620, 342),
        ("Nantes", "Pays de la Loire", "PDL", "440", "2 40", 47.2184, -1.5536, 323),
        ("Montpellier", "Occitanie", "OCC", "340", "4 67", 43.6108, 3.8767, 302),
        ("Strasbourg", "Grand Est", "GES", "670", "3 88", 48.5734, 7.7521, 291),
        ("Bordeaux", "Nouvelle-Aquitaine", "NAQ", "330", "5 56", 44.8378, -0.5792, 261),
        ("Lille", "Hauts-de-France", "HDF", "590", "3 20", 50.6292, 3.0573, 236),
        ("Rennes", "Bretagne", "BRE", "350", "2 99", 48.1173, -1.6778, 225),
        ("Reims", "Grand Est", "GES", "510", "3 26", 49.2583, 4.0317, 180),
        ("Toulon", "Provence-Alpes-Côte d'Azur", "PAC", "830", "4 94", 43.1242, 5.9280, 180),
        ("Grenoble", "Auvergne-Rhône-Alpes", "ARA", "380", "4 76", 45.1885, 5.7245, 158),
        ("Dijon", "Bourgogne-Franche-Comté", "BFC", "210", "3 80", 47.3220, 5.0415, 160),
        ("Angers", "Pays de la Loire", "PDL", "490", "2 41", 47.4784, -0.5632, 157),
        ("Nîmes", "Occitanie", "OCC", "300", "4 66", 43.8367, 4.3601, 148),
        ("Clermont-Ferrand", "Auvergne-Rhône-Alpes", "ARA", "630", "4 73", 45.7772, 3.0870, 147),
        ("Le Havre", "Normandie", "NOR", "766", "2 35", 49.4944, 0.1079, 166),
        ("Brest", "Bretagne", "BRE", "292", "2 98", 48.3904, -4.4861, 139),
        ("Tours", "Centre-Val de Loire", "CVL", "370", "2 47", 47.3941, 0.6848, 137),
        ("Limoges", "Nouvelle-Aquitaine", "NAQ", "870", "5 55", 45.8336, 1.2611, 130),
        ("Amiens", "Hauts-de-France", "HDF", "800", "3 22", 49.8941, 2.2958, 133),
        ("Metz", "Grand Est", "GES", "570", "3 87", 49.1193, 6.1757, 120),
        ("Perpignan", "Occitanie", "OCC", "660", "4 68", 42.6887, 2.8948, 120),
    ],
    "es_ES": [
        ("Madrid", "Comunidad de Madrid", "MD", "280", "91", 40.4168, -3.7038, 3305),
        ("Barcelona", "Cataluña", "CT", "080", "93", 41.3874, 2.1686, 1636),
        ("Valencia", "Comunidad Valenciana", "VC", "460", "96", 39.4699, -0.3763, 792),
        ("Sevilla", "Andalucía", "AN", "410", "95", 37.3891, -5.9845, 684),
        ("Zaragoza", "Aragón", "AR", "500", "976", 41.6488, -0.8891, 675),
        ("Málaga", "Andalucía", "AN", "290", "952", 36.7213, -4.4214, 578),
        ("Murcia", "Región de Murcia", "MC", "300", "968", 37.9922, -1.1307, 460),
        ("Palma", "Islas Baleares", "IB", "070", "971", 39.5696, 2.6502, 416),
        ("Las Palmas de Gran Canaria", "Canarias", "CN", "350", "928", 28.1235, -15.4363, 379),
        ("Bilbao", "País Vasco", "PV", "480", "94", 43.2630, -2.9350, 346),
        ("Alicante", "Comunidad Valenciana", "VC", "030", "965", 38.3452, -0.4810, 338),
        ("Córdoba", "Andalucía", "AN", "140", "957", 37.8882, -4.7794, 322),
        ("Valladolid", "Castilla y León", "CL", "470", "983", 41.6523, -4.7245, 298),
        ("Vigo", "Galicia", "GA", "362", "986", 42.2406, -8.7207, 293),
        ("Gijón", "Principado de Asturias", "AS", "332", "985", 43.5322, -5.6611, 268),
        ("A Coruña", "Galicia", "GA", "150", "981", 43.3623, -8.4115, 247),
        ("Granada", "Andalucía", "AN", "180", "958", 37.1773, -3.5986, 228),
        ("Vitoria-Gasteiz", "País Vasco", "PV", "010", "945", 42.8467, -2.6716, 255),
        ("Pamplona", "Comunidad Foral de Navarra", "NC", "310", "948", 42.8125, -1.6458, 203),
        ("Santander", "Cantabria", "CB", "390", "942", 43.4623, -3.8100, 172),
        ("San Sebastián", "País Vasco", "PV", "200", "943", 43.3183, -1.9812, 187),
        ("Salamanca", "Castilla y León", "CL", "370", "923", 40.9701, -5.6635, 144),
        ("Toledo", "Castilla-La Mancha", "CM", "450", "925", 39.8628, -4.0273, 85),
        ("Badajoz", "Extremadura", "EX", "060", "924", 38.8794, -6.9707, 150),
        ("Logroño", "La Rioja", "RI", "260", "941", 42.4627, -2.4450, 151),
    ],
    "pt_BR": [
        ("São Paulo", "São Paulo", "SP", "01", "11", -23.5505, -46.6333, 11451),
        ("Rio de Janeiro", "Rio de Janeiro", "RJ", "20", "21", -22.9068, -43.1729, 6211),
        ("Brasília", "Distrito Federal", "DF", "70", "61", -15.7939, -47.8828, 2817),
        ("Salvador", "Bahia", "BA", "40", "71", -12.9777, -38.5016, 2418),
        ("Fortaleza", "Ceará", "CE", "60", "85", -3.7319, -38.5267, 2428),
        ("Belo Horizonte", "Minas Gerais", "MG", "30", "31", -19.9167, -43.9345, 2315),
        ("Manaus", "Amazonas", "AM", "69", "92", -3.1190, -60.0217, 2063),
        ("Curitiba", "Paraná", "PR", "80", "41", -25.4284, -49.2733, 1773),
        ("Recife", "Pernambuco", "PE", "50", "81", -8.0476, -34.8770, 1488),
        ("Goiânia", "Goiás", "GO", "74", "62", -16.6869, -49.2648, 1437),
        ("Belém", "Pará", "PA", "66", "91", -1.4558, -48.4902, 1303),
        ("Porto Alegre", "Rio Grande do Sul", "RS", "90", "51", -30.0346, -51.2177, 1332),
        ("Guarulhos", "São Paulo", "SP", "07", "11", -23.4538, -46.5333, 1291),
        ("Campinas", "São Paulo", "SP", "13", "19", -22.9099, -47.0626, 1139),
        ("São Luís", "Maranhão", "MA", "65", "98", -2.5307, -44.3068, 1037),
        ("Maceió", "Alagoas", "AL", "57", "82", -9.6498, -35.7089, 957),
        ("Natal", "Rio Grande do Norte", "RN", "59", "84", -5.7945, -35.2110, 751),
        ("Teresina", "Piauí", "PI", "64", "86", -5.0920, -42.8038, 866),
        ("Campo Grande", "Mato Grosso do Sul", "MS", "79", "67", -20.4697, -54.6201, 898),
        ("João Pessoa", "Paraíba", "PB", "58", "83", -7.1195, -34.8450, 833),
        ("Florianópolis", "Santa Catarina", "SC", "88", "48", -27.5954, -48.5480, 537),
        ("Cuiabá", "Mato Grosso", "MT", "78", "65", -15.6014, -56.0979, 650),
        ("Aracaju", "Sergipe", "SE", "49", "79", -10.9472, -37.0731, 602),
        ("Vitória", "Espírito Santo", "ES", "29", "27", -20.3155, -40.3128, 322),
        ("Porto Velho", "Rondônia", "RO", "76", "69", -8.7612, -63.9004, 460),
    ],
    "ja_JP": [
        ("札幌市", "北海道", "01", "060", "11", 43.0618, 141.3545, 1973),
        ("仙台市", "宮城県", "04", "980", "22", 38.2682, 140.8694, 1096),
        ("さいたま市", "埼玉県", "11", "330", "48", 35.8617, 139.6455, 1340),
        ("千葉市", "千葉県", "12", "260", "43", 35.6074, 140.1065, 980),
        ("千代田区", "東京都", "13", "100", "3", 35.6940, 139.7536, 67),
        ("新宿区", "東京都", "13", "160", "3", 35.6938, 139.7034, 349),
        ("渋谷区", "東京都", "13", "150", "3", 35.6640, 139.6982, 243),
        ("世田谷区", "東京都", "13", "154", "3", 35.6464, 139.6533, 943),
        ("港区", "東京都", "13", "105", "3", 35.6581, 139.7516, 260),
        ("横浜市", "神奈川県", "14", "220", "45", 35.4437, 139.6380, 3777),
        ("川崎市", "神奈川県", "14", "210", "44", 35.5308, 139.7029, 1540),
        ("新潟市", "新潟県", "15", "950", "25", 37.9162, 139.0364, 780),
        ("金沢市", "石川県", "17", "920", "76", 36.5613, 136.6562, 463),
        ("静岡市", "静岡県", "22", "420", "54", 34.9756, 138.3828, 690),
        ("浜松市", "静岡県", "22", "430", "53", 34.7108, 137.7261, 790),
        ("名古屋市", "愛知県", "23", "450", "52", 35.1815, 136.9066, 2332),
        ("京都市", "京都府", "26", "600", "75", 35.0116, 135.7681, 1464),
        ("大阪市", "大阪府", "27", "530", "6", 34.6937, 135.5023, 2752),
        ("神戸市", "兵庫県", "28", "650", "78", 34.6901, 135.1955, 1525),
        ("岡山市", "岡山県", "33", "700", "86", 34.6551, 133.9195, 724),
        ("広島市", "広島県", "34", "730", "82", 34.3853, 132.4553, 1200),
        ("福岡市", "福岡県", "40", "810", "92", 33.5904, 130.4017, 1612),
        ("北九州市", "福岡県", "40", "802", "93", 33.8835, 130.8752, 940),
        ("熊本市", "熊本県", "43", "860", "96", 32.8031, 130.7079, 738),
        ("鹿児島市", "鹿児島県", "46", "890", "99", 31.5966, 130.5571, 595),
        ("那覇市", "沖縄県", "47", "900", "98", 26.2124, 127.6809, 317),
    ],
}

# Locale facts that are conventions rather than lists: formats use '#' any digit,
# '%' 1-9, '!' 1-8, '^' 1-2, '?' A-Z, '{area}' the city's area code and '{sub}' as many
# digits as make the subscriber number phone_digits long together with the area code.
CONVENTIONS: dict[str, dict[str, Any]] = {
    "en_US": {
        "country": ["United States", "US"],
        "currency": "USD",
        "iban_country": "GB",
        "postcode": "#####",
        "phone_digits": 3,
        "phone_formats": [
            "({area}) %##-####",
            "{area}-%##-####",
            "+1-{area}-%##-####",
            "{area}.%##.####",
            "({area}) %##-#### x###",
        ],
        "phone_weights": [4, 4, 2, 1, 1],
        "building_formats": ["%", "%#", "%##", "%###", "%####"],
        "building_weights": [1, 2, 3, 4, 2],
        "street_order": "root_suffix",
        "street_sep": " ",
        "street_address": "{building_number} {street_name}",
        "address": "{street_address}, {city}, {region_abbr} {postcode}",
        "name_order": "first_last",
        "word_sep": " ",
        "sentence_end": ".",
        "ssn": "!##-%#-%###",
        "ssn_check": "",
        "license_plate": [["%??-####"], ["%??####"], ["###-???"], ["???-####"]],
        "card_brands": [["4", 16], ["51", 16], ["55", 16], ["34", 15], ["37", 15]],
        "ean": "0",
        "isbn": "9780",
        "product": "{adjective} {material} {noun}",
    },
    "de_DE": {
        "country": ["Deutschland", "DE"],
        "currency": "EUR",
        "iban_country": "DE",
        "postcode": "#####",
        "phone_digits": 10,
        "phone_formats": [
            "0{area} {sub}",
            "+49 {area} {sub}",
            "+49 (0){area} {sub}",
            "0{area}/{sub}",
        ],
        "phone_weights": [5, 3, 1, 2],
        "building_formats": ["%", "%#", "%##", "%a", "%#b"],
        "building_weights": [4, 5, 1, 1, 1],
        "street_order": "root_suffix",
        "street_sep": "",
        "street_address": "{street_name} {building_number}",
        "address": "{street_address}, {postcode} {city}",
        "name_order": "first_last",
        "word_sep": " ",
        "sentence_end": ".",
        "ssn": "%##########",
        "ssn_check": "",
        "license_plate": [["@plate_prefix", "-?? %###"], ["@plate_prefix", "-? %##"]],
        "card_brands": [["4", 16], ["51", 16], ["55", 16]],
        "ean": "40",
        "isbn": "9783",
        "product": "{noun} „{adjective}“ aus {material}",
    },
    "fr_FR": {
        "country": ["France", "FR"],
        "currency": "EUR",
        "iban_country": "FR",
        "postcode": "#####",
        "phone_digits": 0,
        "phone_formats": ["0{area} ## ## ##", "+33 {area} ## ## ##", "+33 (0){area} ## ## ##"],
        "phone_weights": [6, 3, 1],
        "building_formats": ["%", "%#", "%##", "% bis"],
        "building_weights": [4, 6, 1, 1],
        "street_order": "suffix_root",
        "street_sep": " ",
        "street_address": "{building_number} {street_name}",
        "address": "{street_address}, {postcode} {city}",
        "name_order": "first_last",
        "word_sep": " ",
        "sentence_end": ".",
        "ssn": "^ ## %# %# ### ### ##",
        "ssn_check": "",
        "license_plate": [["??-%##-??"]],
        "card_brands": [["4", 16], ["51", 16], ["55", 16]],
        "ean": "30",
        "isbn": "9782",
        "product": "{noun} {adjective} en {material}",
    },
    "es_ES": {
        "country": ["España", "ES"],
        "currency": "EUR",
        "iban_country": "ES",
        "postcode": "#####",
        "phone_digits": 9,
        "phone_formats": ["{area} {sub}", "+34 {area} {sub}", "+34{area}{sub}", "6## ### ###"],
        "phone_weights": [5, 3, 1, 3],
        "building_formats": ["%", "%#", "%##"],
        "building_weights": [4, 6, 1],
        "street_order": "suffix_root",
        "street_sep": " ",
        "street_address": "{street_name}, {building_number}",
        "address": "{street_address}, {postcode} {city}",
        "name_order": "first_last",
        "word_sep": " ",
        "sentence_end": ".",
        "ssn": "########*",
        "ssn_check": "dni",
        "license_plate": [["#### ???"]],
        "card_brands": [["4", 16], ["51", 16], ["55", 16]],
        "ean": "84",
        "isbn": "97884",
        "product": "{noun} {adjective} de {material}",
    },
    "pt_BR": {
        "country": ["Brasil", "BR"],
        "currency": "BRL",
        "iban_country": "BR",
        "postcode": "#####-###",
        "phone_digits": 0,
        "phone_formats": [
            "({area}) ####-####",
            "({area}) 9####-####",
            "+55 {area} ####-####",
            "+55 {area} 9####-####",
        ],
        "phone_weights": [3, 5, 1, 2],
        "building_formats": ["%", "%#", "%##", "%###"],
        "building_weights": [2, 4, 4, 2],
        "street_order": "suffix_root",
        "street_sep": " ",
        "street_address": "{street_name}, {building_number}",
        "address": "{street_address}, {city} - {region_abbr}, {postcode}",
        "name_order": "first_last",
        "word_sep": " ",
        "sentence_end": ".",
        "ssn": "###.###.###-**",
        "ssn_check": "cpf",
        "license_plate": [["???%?##"], ["???-%###"]],
        "card_brands": [["4", 16], ["51", 16], ["55", 16]],
        "ean": "789",
        "isbn": "97885",
        "product": "{noun} {adjective} de {material}",
    },
    "ja_JP": {
        "country": ["日本", "JP"],
        "currency": "JPY",
        "iban_country": "GB",
        "postcode": "###-####",
        "phone_digits": 5,
        "phone_formats": ["0{area}-{sub}-####", "090-####-####", "080-####-####", "070-####-####"],
        "phone_weights": [5, 3, 2, 1],
        "building_formats": ["%丁目%-%", "%-%#-%", "%丁目%#-%#"],
        "building_weights": [3, 2, 1],
        "street_order": "root_suffix",
        "street_sep": "",
        "street_address": "{street_name}{building_number}",
        "address": "〒{postcode} {region}{city}{street_address}",
        "name_order": "last_first",
        "word_sep": "",
        "sentence_end": "。",
        "ssn": "%###########",
        "ssn_check": "",
        "license_plate": [["@plate_area", " %## ", "@plate_kana", " %#-##"]],
        "card_brands": [["4", 16], ["51", 16], ["35", 16]],
        "ean": "45",
        "isbn": "9784",
        "product": "{adjective}{material}製{noun}",
    },
}

# Curated where Faker has no equivalent list (titles with weights, commerce words,
# departments, common street names). Plain vocabulary, written for this project.
CURATED: dict[str, dict[str, Any]] = {
    "en_US": {
        "prefixes_male": {"Mr.": 9, "Dr.": 1},
        "prefixes_female": {"Ms.": 4, "Mrs.": 4, "Miss": 1, "Dr.": 1},
        "street_roots": [
            "Main",
            "Oak",
            "Pine",
            "Maple",
            "Cedar",
            "Elm",
            "Washington",
            "Lake",
            "Hill",
            "Park",
            "Church",
            "Sunset",
            "Lincoln",
            "Jefferson",
            "Highland",
            "Willow",
            "River",
            "Spring",
            "Meadow",
            "Forest",
            "Madison",
            "Franklin",
            "Jackson",
        ],
        "street_suffixes": {
            "Street": 30,
            "Avenue": 18,
            "Road": 14,
            "Drive": 12,
            "Lane": 9,
            "Boulevard": 4,
            "Court": 5,
            "Place": 4,
            "Way": 4,
        },
        "adjectives": [
            "Ergonomic",
            "Rustic",
            "Sleek",
            "Handcrafted",
            "Refined",
            "Durable",
            "Lightweight",
            "Premium",
            "Compact",
            "Elegant",
            "Practical",
            "Modern",
        ],
        "materials": [
            "Wooden",
            "Steel",
            "Cotton",
            "Leather",
            "Granite",
            "Bamboo",
            "Ceramic",
            "Plastic",
            "Wool",
            "Glass",
            "Aluminum",
            "Marble",
        ],
        "nouns": [
            "Chair",
            "Table",
            "Lamp",
            "Shoes",
            "Backpack",
            "Watch",
            "Keyboard",
            "Mug",
            "Jacket",
            "Bottle",
            "Pillow",
            "Wallet",
            "Bicycle",
            "Gloves",
            "Towel",
            "Clock",
        ],
        "categories": [
            "Electronics",
            "Home & Kitchen",
            "Books",
            "Clothing",
            "Sports & Outdoors",
            "Toys & Games",
            "Beauty",
            "Garden",
            "Automotive",
            "Grocery",
            "Health",
            "Office Supplies",
            "Pet Supplies",
            "Jewelry",
            "Music",
        ],
        "departments": [
            "Sales",
            "Marketing",
            "Finance",
            "Human Resources",
            "Engineering",
            "Customer Support",
            "Legal",
            "Operations",
            "Research and Development",
            "Procurement",
            "IT",
            "Logistics",
            "Quality Assurance",
            "Accounting",
        ],
        "company_templates": {
            "{last} {suffix}": 4,
            "{last}-{last2}": 2,
            "{last}, {last2} and {last3}": 1,
        },
    },
    "de_DE": {
        "prefixes_male": {"Herr": 85, "Dr.": 10, "Prof.": 2, "Dipl.-Ing.": 3},
        "prefixes_female": {"Frau": 85, "Dr.": 10, "Prof.": 2, "Dipl.-Ing.": 3},
        "street_roots": [
            "Haupt",
            "Bahnhof",
            "Schul",
            "Garten",
            "Dorf",
            "Kirch",
            "Berg",
            "Wald",
            "Linden",
            "Goethe",
            "Schiller",
            "Mozart",
            "Feld",
            "Wiesen",
            "Rosen",
            "Birken",
            "Mühlen",
            "Sonnen",
            "Eichen",
            "Friedhof",
            "Markt",
            "Post",
        ],
        "street_suffixes": {
            "straße": 50,
            "weg": 20,
            "gasse": 5,
            "platz": 6,
            "allee": 6,
            "ring": 5,
            "str.": 8,
        },
        "adjectives": [
            "Ergonomisch",
            "Rustikal",
            "Elegant",
            "Robust",
            "Praktisch",
            "Modern",
            "Handgefertigt",
            "Leicht",
            "Kompakt",
            "Klassisch",
            "Premium",
            "Nachhaltig",
        ],
        "materials": [
            "Holz",
            "Stahl",
            "Baumwolle",
            "Leder",
            "Granit",
            "Bambus",
            "Keramik",
            "Kunststoff",
            "Wolle",
            "Glas",
            "Aluminium",
            "Marmor",
        ],
        "nouns": [
            "Stuhl",
            "Tisch",
            "Lampe",
            "Schuhe",
            "Rucksack",
            "Uhr",
            "Tastatur",
            "Becher",
            "Jacke",
            "Flasche",
            "Kissen",
            "Geldbörse",
            "Fahrrad",
            "Handschuhe",
            "Handtuch",
        ],
        "categories": [
            "Elektronik",
            "Haushalt & Küche",
            "Bücher",
            "Bekleidung",
            "Sport & Freizeit",
            "Spielzeug",
            "Beauty",
            "Garten",
            "Auto & Motorrad",
            "Lebensmittel",
            "Drogerie",
            "Bürobedarf",
            "Haustierbedarf",
            "Schmuck",
            "Musik",
        ],
        "departments": [
            "Vertrieb",
            "Marketing",
            "Finanzen",
            "Personal",
            "Entwicklung",
            "Kundenservice",
            "Recht",
            "Betrieb",
            "Forschung und Entwicklung",
            "Einkauf",
            "IT",
            "Logistik",
            "Qualitätssicherung",
            "Buchhaltung",
        ],
        "company_templates": {"{last} {suffix}": 5, "{last} & {last2} {suffix}": 2, "{last}": 1},
    },
    "fr_FR": {
        "prefixes_male": {"M.": 9, "Dr": 1},
        "prefixes_female": {"Mme": 7, "Mlle": 2, "Dr": 1},
        "street_roots": [
            "de la République",
            "Victor Hugo",
            "Jean Jaurès",
            "de la Gare",
            "de l'Église",
            "Pasteur",
            "du Général de Gaulle",
            "des Écoles",
            "de la Paix",
            "Gambetta",
            "du Moulin",
            "des Lilas",
            "de la Liberté",
            "Voltaire",
            "du Château",
            "Nationale",
            "des Tilleuls",
            "Jules Ferry",
        ],
        "street_suffixes": {
            "rue": 50,
            "avenue": 15,
            "boulevard": 8,
            "chemin": 8,
            "place": 6,
            "allée": 6,
            "impasse": 5,
            "quai": 2,
        },
        "adjectives": [
            "moderne",
            "pratique",
            "robuste",
            "ergonomique",
            "confortable",
            "magnifique",
            "incroyable",
            "fantastique",
            "rustique",
            "élégant",
            "léger",
            "durable",
        ],
        "materials": [
            "bois",
            "acier",
            "coton",
            "cuir",
            "granit",
            "bambou",
            "céramique",
            "plastique",
            "laine",
            "verre",
            "aluminium",
            "marbre",
        ],
        "nouns": [
            "Fauteuil",
            "Bureau",
            "Tabouret",
            "Sac",
            "Bol",
            "Clavier",
            "Manteau",
            "Coussin",
            "Portefeuille",
            "Vélo",
            "Gant",
            "Panier",
            "Chapeau",
            "Plateau",
            "Miroir",
        ],
        "categories": [
            "Électronique",
            "Maison et Cuisine",
            "Livres",
            "Vêtements",
            "Sports et Loisirs",
            "Jeux et Jouets",
            "Beauté",
            "Jardin",
            "Auto et Moto",
            "Épicerie",
            "Santé",
            "Fournitures de bureau",
            "Animalerie",
            "Bijoux",
            "Musique",
        ],
        "departments": [
            "Ventes",
            "Marketing",
            "Finance",
            "Ressources humaines",
            "Ingénierie",
            "Service client",
            "Juridique",
            "Opérations",
            "Recherche et développement",
            "Achats",
            "Informatique",
            "Logistique",
            "Qualité",
            "Comptabilité",
        ],
        "company_templates": {
            "{last} {suffix}": 4,
            "{last} et {last2}": 2,
            "{last} {last2} {suffix}": 1,
        },
    },
    "es_ES": {
        "prefixes_male": {"Sr.": 8, "Dr.": 2},
        "prefixes_female": {"Sra.": 6, "Srta.": 2, "Dra.": 2},
        "street_roots": [
            "Mayor",
            "Real",
            "de Alcalá",
            "del Sol",
            "de la Constitución",
            "de España",
            "de Cervantes",
            "del Carmen",
            "de la Iglesia",
            "de San Juan",
            "del Mar",
            "de la Estación",
            "Nueva",
            "de Goya",
            "del Prado",
            "de la Libertad",
            "de Colón",
            "de los Reyes Católicos",
        ],
        "street_suffixes": {
            "Calle": 55,
            "Avenida": 15,
            "Plaza": 8,
            "Paseo": 7,
            "Camino": 6,
            "Ronda": 3,
            "Travesía": 3,
            "Glorieta": 2,
        },
        "adjectives": [
            "elegante",
            "increíble",
            "inteligente",
            "genial",
            "potente",
            "resistente",
            "sostenible",
            "práctico",
            "moderno",
            "ligero",
            "clásico",
            "cómodo",
        ],
        "materials": [
            "madera",
            "acero",
            "algodón",
            "cuero",
            "granito",
            "bambú",
            "cerámica",
            "plástico",
            "lana",
            "vidrio",
            "aluminio",
            "mármol",
        ],
        "nouns": [
            "Sillón",
            "Escritorio",
            "Taburete",
            "Bolso",
            "Cuenco",
            "Teclado",
            "Abrigo",
            "Cojín",
            "Monedero",
            "Reloj",
            "Guante",
            "Cesto",
            "Sombrero",
            "Espejo",
            "Banco",
        ],
        "categories": [
            "Electrónica",
            "Hogar y cocina",
            "Libros",
            "Ropa",
            "Deportes y aire libre",
            "Juguetes y juegos",
            "Belleza",
            "Jardín",
            "Coche y moto",
            "Alimentación",
            "Salud",
            "Oficina",
            "Mascotas",
            "Joyería",
            "Música",
        ],
        "departments": [
            "Ventas",
            "Marketing",
            "Finanzas",
            "Recursos Humanos",
            "Ingeniería",
            "Atención al cliente",
            "Legal",
            "Operaciones",
            "Investigación y desarrollo",
            "Compras",
            "Informática",
            "Logística",
            "Calidad",
            "Contabilidad",
        ],
        "company_templates": {
            "{last} {suffix}": 3,
            "{word} {last} {suffix}": 3,
            "{last} y {last2} {suffix}": 1,
        },
    },
    "pt_BR": {
        "prefixes_male": {"Sr.": 8, "Dr.": 2},
        "prefixes_female": {"Sra.": 6, "Srta.": 2, "Dra.": 2},
        "street_roots": [
            "das Flores",
            "São João",
            "Sete de Setembro",
            "XV de Novembro",
            "Tiradentes",
            "Getúlio Vargas",
            "Dom Pedro II",
            "Santos Dumont",
            "da Independência",
            "Rui Barbosa",
            "Marechal Deodoro",
            "da Paz",
            "Brasil",
            "Paulista",
            "das Palmeiras",
            "Castro Alves",
            "do Comércio",
        ],
        "street_suffixes": {
            "Rua": 60,
            "Avenida": 20,
            "Travessa": 6,
            "Alameda": 5,
            "Praça": 5,
            "Rodovia": 2,
            "Estrada": 2,
        },
        "adjectives": [
            "elegante",
            "incrível",
            "inteligente",
            "resistente",
            "sustentável",
            "potente",
            "genial",
            "leve",
            "prático",
            "moderno",
            "clássico",
            "confortável",
        ],
        "materials": [
            "madeira",
            "aço",
            "algodão",
            "couro",
            "granito",
            "bambu",
            "cerâmica",
            "plástico",
            "lã",
            "vidro",
            "alumínio",
            "mármore",
        ],
        "nouns": [
            "Sofá",
            "Banco",
            "Relógio",
            "Teclado",
            "Casaco",
            "Travesseiro",
            "Chapéu",
            "Espelho",
            "Tapete",
            "Cesto",
            "Copo",
            "Ventilador",
            "Armário",
            "Guarda-chuva",
        ],
        "categories": [
            "Eletrônicos",
            "Casa e Cozinha",
            "Livros",
            "Roupas",
            "Esporte e Lazer",
            "Brinquedos",
            "Beleza",
            "Jardim",
            "Automotivo",
            "Alimentos",
            "Saúde",
            "Papelaria",
            "Pet Shop",
            "Joias",
            "Música",
        ],
        "departments": [
            "Vendas",
            "Marketing",
            "Financeiro",
            "Recursos Humanos",
            "Engenharia",
            "Atendimento ao Cliente",
            "Jurídico",
            "Operações",
            "Pesquisa e Desenvolvimento",
            "Compras",
            "TI",
            "Logística",
            "Qualidade",
            "Contabilidade",
        ],
        "company_templates": {"{last} {suffix}": 4, "{last} & {last2} {suffix}": 2, "{last}": 1},
    },
    "ja_JP": {
        "street_suffixes": {"": 1},
        "adjectives": [
            "便利な",
            "高級な",
            "人気の",
            "軽量な",
            "頑丈な",
            "おしゃれな",
            "小型の",
            "上質な",
            "シンプルな",
            "快適な",
        ],
        "materials": [
            "木",
            "鉄",
            "綿",
            "革",
            "ガラス",
            "竹",
            "陶器",
            "アルミ",
            "ステンレス",
            "大理石",
        ],
        "nouns": [
            "チェア",
            "テーブル",
            "ランプ",
            "シューズ",
            "リュック",
            "時計",
            "キーボード",
            "マグカップ",
            "ジャケット",
            "ボトル",
            "クッション",
            "財布",
            "自転車",
            "タオル",
        ],
        "categories": [
            "家電",
            "ホーム＆キッチン",
            "本",
            "ファッション",
            "スポーツ＆アウトドア",
            "おもちゃ",
            "ビューティー",
            "ガーデン",
            "車＆バイク",
            "食品",
            "ヘルスケア",
            "文房具",
            "ペット用品",
            "ジュエリー",
            "ミュージック",
        ],
        "departments": [
            "営業部",
            "マーケティング部",
            "経理部",
            "人事部",
            "開発部",
            "カスタマーサポート",
            "法務部",
            "総務部",
            "研究開発部",
            "購買部",
            "情報システム部",
            "物流部",
            "品質保証部",
            "財務部",
        ],
        "company_templates": {"{suffix}{last}{word}": 3, "{last}{word}{suffix}": 1},
    },
}

COMMON: dict[str, Any] = {
    "user_agents": [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
    ],
    "user_agent_weights": [30, 6, 8, 9, 8, 3, 2, 14, 3, 8, 5, 4],
    "mime_types": {
        "text/html": 10,
        "text/plain": 6,
        "text/css": 4,
        "text/csv": 4,
        "application/json": 10,
        "application/pdf": 8,
        "application/xml": 3,
        "application/zip": 3,
        "application/javascript": 5,
        "application/octet-stream": 3,
        "image/png": 8,
        "image/jpeg": 9,
        "image/gif": 2,
        "image/svg+xml": 3,
        "image/webp": 3,
        "audio/mpeg": 2,
        "video/mp4": 3,
        "application/vnd.ms-excel": 2,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": 2,
    },
    "file_extensions": {
        "pdf": 10,
        "docx": 6,
        "xlsx": 5,
        "csv": 5,
        "txt": 6,
        "png": 8,
        "jpg": 9,
        "json": 4,
        "html": 3,
        "zip": 3,
        "mp4": 2,
        "mp3": 2,
        "pptx": 2,
        "xml": 2,
    },
    "currencies": {
        "USD": 30,
        "EUR": 25,
        "JPY": 8,
        "GBP": 8,
        "CNY": 6,
        "CHF": 3,
        "CAD": 4,
        "AUD": 4,
        "BRL": 2,
        "MXN": 2,
        "INR": 3,
        "KRW": 2,
        "SEK": 1,
        "NOK": 1,
        "SGD": 1,
        "HKD": 1,
    },
    "safe_domains": ["example.com", "example.org", "example.net"],
}


def _provider(fake: Faker, kind: str) -> Any:
    for p in fake.providers:
        if p.__module__.split(".")[2] == kind:
            return p
    raise LookupError(kind)


def _weighted(values: Any) -> dict[str, list[Any]]:
    """Faker keeps frequencies as OrderedDict weights or as repeated tuple entries."""
    if isinstance(values, (dict, OrderedDict)):
        items = [(str(k), float(w)) for k, w in values.items()]
    else:
        items = [(str(k), float(c)) for k, c in Counter(values).items()]
    items = [(k, w) for k, w in items if k.strip()]
    return {"values": [k for k, _ in items], "weights": [w for _, w in items]}


def _mimesis(locale: str, kind: str) -> dict[str, Any]:
    import mimesis

    code = MIMESIS_CODE.get(locale, locale.split("_")[0])
    path = Path(mimesis.__file__).parent / "datasets" / code / f"{kind}.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _names(locale: str, fake: Faker) -> dict[str, Any]:
    person = _provider(fake, "person")
    if locale == "ja_JP":
        return _japanese_names(person)
    firsts: dict[str, list[Any]] = {"values": [], "weights": [], "gender": []}
    for gender, attr in (("F", "first_names_female"), ("M", "first_names_male")):
        part = _weighted(getattr(person, attr))
        total = sum(part["weights"])
        firsts["values"] += part["values"]
        # Each gender's list sums to 1 so that the gender draw stays 50/50.
        firsts["weights"] += [w / total for w in part["weights"]]
        firsts["gender"] += [gender] * len(part["values"])
    return {"first_names": firsts, "last_names": _weighted(person.last_names)}


def _japanese_names(person: Any) -> dict[str, Any]:
    firsts: dict[str, list[Any]] = {"values": [], "weights": [], "gender": [], "romanized": []}
    for gender, attr in (("F", "first_name_female_pairs"), ("M", "first_name_male_pairs")):
        pairs = getattr(person, attr)
        for kanji, _kana, roman in pairs:
            firsts["values"].append(kanji)
            firsts["weights"].append(1.0 / len(pairs))
            firsts["gender"].append(gender)
            firsts["romanized"].append(roman)
    lasts: dict[str, list[Any]] = {"values": [], "weights": [], "romanized": []}
    for (kanji, _kana, roman), weight in person.last_name_pairs.items():
        lasts["values"].append(kanji)
        lasts["weights"].append(float(weight))
        lasts["romanized"].append(roman)
    return {"first_names": firsts, "last_names": lasts}


def _cities(locale: str) -> dict[str, list[Any]]:
    keys = ("name", "region", "region_abbr", "postcode_prefix", "area_code", "lat", "lon", "weight")
    return {key: [row[i] for row in CITIES[locale]] for i, key in enumerate(keys)}


def _plain(values: Any) -> dict[str, list[Any]]:
    vals = [str(v) for v in dict.fromkeys(values) if str(v).strip()]
    return {"values": vals, "weights": [1.0] * len(vals)}


def _lorem(locale: str, fake: Faker) -> list[str]:
    if locale == "pt_BR":  # Faker's pt_BR lorem is Latin; Mimesis has Portuguese words.
        return [str(w) for w in _mimesis(locale, "text")["words"]]
    return [str(w) for w in _provider(fake, "lorem").word_list]


def _colors(locale: str, fake: Faker) -> list[str]:
    if locale == "ja_JP":  # Faker ja_JP colours are English CSS names.
        return [str(c) for c in _mimesis(locale, "text")["color"]]
    return [str(c) for c in _provider(fake, "color").all_colors]


def _jobs(locale: str, fake: Faker) -> list[str]:
    jobs = [str(j) for j in _provider(fake, "job").jobs]
    if locale == "ja_JP":
        jobs = [str(j) for j in _mimesis(locale, "person")["occupation"]]
    elif locale == "de_DE":  # Faker has only 34 German jobs.
        jobs += [str(j) for j in _mimesis(locale, "person")["occupation"]]
    return list(dict.fromkeys(jobs))


def _company(locale: str, fake: Faker) -> dict[str, Any]:
    company = _provider(fake, "company")
    if locale == "ja_JP":
        return {
            "company_suffixes": _plain(company.company_prefixes),
            "company_words": _plain(company.company_categories),
        }
    words = getattr(company, "company_types", ())
    return {"company_suffixes": _weighted(company.company_suffixes), "company_words": _plain(words)}


def _street_roots(locale: str, fake: Faker, last_names: list[str]) -> dict[str, list[Any]]:
    if locale == "ja_JP":
        return _plain(_provider(fake, "address").towns)
    curated = CURATED[locale]["street_roots"]
    roots = _plain(curated)
    roots["weights"] = [4.0] * len(roots["values"])
    extra = [n for n in last_names[:150] if n not in curated]
    return {"values": roots["values"] + extra, "weights": roots["weights"] + [1.0] * len(extra)}


def _plates(locale: str, fake: Faker) -> dict[str, Any]:
    auto = _provider(fake, "automotive")
    if locale == "de_DE":
        return {"plate_prefix": _plain(auto.license_plate_prefix)}
    if locale == "ja_JP":
        return {
            "plate_area": _plain(auto.license_plate_area_names),
            "plate_kana": _plain(auto.license_plate_kana),
        }
    return {}


def _weights_of(table: dict[str, float]) -> dict[str, list[Any]]:
    return {"values": list(table), "weights": [float(w) for w in table.values()]}


def build_pack(locale: str) -> dict[str, Any]:
    fake = Faker(locale)
    curated = CURATED[locale]
    pack: dict[str, Any] = {"locale": locale, "conventions": CONVENTIONS[locale]}
    pack.update(_names(locale, fake))
    if "prefixes_male" in curated:  # ja_JP has no name titles: falls back to en_US.
        pack["prefixes_male"] = _weights_of(curated["prefixes_male"])
        pack["prefixes_female"] = _weights_of(curated["prefixes_female"])
    pack["cities"] = _cities(locale)
    pack["street_roots"] = _street_roots(locale, fake, pack["last_names"]["values"])
    pack["street_suffixes"] = _weights_of(curated["street_suffixes"])
    pack["jobs"] = _plain(_jobs(locale, fake))
    pack.update(_company(locale, fake))
    pack["company_templates"] = _weights_of(curated["company_templates"])
    internet = _provider(fake, "internet")
    pack["free_email_domains"] = _weighted(internet.free_email_domains)
    pack["tlds"] = _weighted(internet.tlds)
    pack["lorem"] = _plain(_lorem(locale, fake))
    pack["colors"] = _plain(_colors(locale, fake))
    for key in ("adjectives", "materials", "nouns", "categories", "departments"):
        pack[key] = _plain(curated[key])
    pack.update(_plates(locale, fake))
    return pack


def build_common() -> dict[str, Any]:
    return {
        "user_agents": {
            "values": COMMON["user_agents"],
            "weights": [float(w) for w in COMMON["user_agent_weights"]],
        },
        "mime_types": _weights_of(COMMON["mime_types"]),
        "file_extensions": _weights_of(COMMON["file_extensions"]),
        "currencies": _weights_of(COMMON["currencies"]),
        "safe_domains": _plain(COMMON["safe_domains"]),
    }


def _write(name: str, payload: dict[str, Any]) -> tuple[str, str]:
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = gzip.compress(raw.encode("utf-8"), compresslevel=9, mtime=0)
    path = OUT / name / "pack.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return f"{name}/pack.json.gz", hashlib.sha256(data).hexdigest()


def _licence(dist: str) -> str:
    files = metadata.files(dist) or []
    for f in files:
        if "licen" in f.name.lower():
            return Path(str(f.locate())).read_text(encoding="utf-8")
    raise LookupError(f"no licence file in {dist}")


def write_licences(faker_version: str, mimesis_version: str) -> None:
    head = (
        "# Third-party data in the value packs\n\n"
        "The packs under this folder were built by `scripts/build_value_packs.py` from\n"
        f"Faker {faker_version} (MIT) and, for gaps, Mimesis {mimesis_version} (MIT).\n"
        "City tables (city, region, postcode prefix, area code, coordinates) and\n"
        "the curated vocabularies in the build script are public facts and plain\n"
        "words written down for this project.\n\n"
    )
    body = f"## Faker\n\n```\n{_licence('faker')}\n```\n\n## Mimesis\n\n```\n{_licence('mimesis')}\n```\n"
    (OUT / "LICENSES.md").write_text(head + body, encoding="utf-8")


def main() -> None:
    faker_version, mimesis_version = metadata.version("faker"), metadata.version("mimesis")
    files: dict[str, str] = {}
    for locale in LOCALES:
        name, digest = _write(locale, build_pack(locale))
        files[name] = digest
    name, digest = _write("common", build_common())
    files[name] = digest
    manifest = {
        "pack_version": PACK_VERSION,
        "sources": {"faker": faker_version, "mimesis": mimesis_version},
        "licence": "MIT (Faker, Mimesis); see LICENSES.md",
        "files": files,
    }
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    (OUT / "manifest.json").write_text(text, encoding="utf-8")
    write_licences(faker_version, mimesis_version)


if __name__ == "__main__":
    main()
