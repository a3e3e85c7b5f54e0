"""Devanagari renderings of the names and places the generator uses.

The back of an Aadhaar prints the address twice, in Hindi on the left and English on the right;
an engine must take the English one and not be thrown by the other. Phrases are replaced
longest first; anything unknown stays in Latin script, as on many real cards.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kagaz.synth.identities import FEMALE, MALE, MIDDLE_F, MIDDLE_M, SURNAMES

__all__ = ["to_hindi"]

PLACES = {
    "Gandhi Nagar": "गांधी नगर", "MG Road": "एमजी रोड", "Station Road": "स्टेशन रोड",
    "Nehru Colony": "नेहरू कॉलोनी", "Shivaji Nagar": "शिवाजी नगर", "Laxmi Nagar": "लक्ष्मी नगर",
    "Rajiv Chowk": "राजीव चौक", "Ambedkar Marg": "अंबेडकर मार्ग", "Subhash Road": "सुभाष रोड",
    "Tilak Nagar": "तिलक नगर", "Shanti Vihar": "शांति विहार", "Park Street": "पार्क स्ट्रीट",
    "Civil Lines": "सिविल लाइंस", "Ram Nagar": "राम नगर", "Patel Nagar": "पटेल नगर",
    "Sector": "सेक्टर", "Andheri East": "अंधेरी पूर्व", "Kothrud": "कोथरूड",
    "Indiranagar": "इंदिरानगर", "Rohini": "रोहिणी", "Anna Nagar": "अन्ना नगर",
    "Salt Lake": "साल्ट लेक", "Banjara Hills": "बंजारा हिल्स", "Vaishali Nagar": "वैशाली नगर",
    "Gomti Nagar": "गोमती नगर", "Navrangpura": "नवरंगपुरा", "Kakkanad": "कक्कनाड",
    "Arera Colony": "अरेरा कॉलोनी", "Model Town": "मॉडल टाउन", "Old City": "पुराना शहर",
    "Ward No": "वार्ड नं", "Sunrise Apartments": "सनराइज़ अपार्टमेंट्स",
    "Shree Ganesh Society": "श्री गणेश सोसाइटी", "Sai Krupa Building": "साई कृपा बिल्डिंग",
    "Green Park Residency": "ग्रीन पार्क रेजिडेंसी", "Lotus Heights": "लोटस हाइट्स",
    "Om Shanti Niwas": "ओम शांति निवास",
    "Mumbai": "मुंबई", "Pune": "पुणे", "Nagpur": "नागपुर", "Nashik": "नासिक", "Thane": "ठाणे",
    "Bengaluru": "बेंगलुरु", "Mysuru": "मैसूरु", "Hubballi": "हुब्बल्ली", "Mangaluru": "मंगलुरु",
    "New Delhi": "नई दिल्ली", "Delhi": "दिल्ली", "Chennai": "चेन्नई", "Coimbatore": "कोयंबटूर",
    "Madurai": "मदुरै", "Salem": "सेलम", "Lucknow": "लखनऊ", "Kanpur": "कानपुर",
    "Varanasi": "वाराणसी", "Agra": "आगरा", "Ahmedabad": "अहमदाबाद", "Surat": "सूरत",
    "Vadodara": "वडोदरा", "Rajkot": "राजकोट", "Jaipur": "जयपुर", "Jodhpur": "जोधपुर",
    "Udaipur": "उदयपुर", "Kota": "कोटा", "Kolkata": "कोलकाता", "Howrah": "हावड़ा",
    "Durgapur": "दुर्गापुर", "Siliguri": "सिलीगुड़ी", "Kochi": "कोच्चि",
    "Thiruvananthapuram": "तिरुवनंतपुरम", "Kozhikode": "कोझिकोड", "Hyderabad": "हैदराबाद",
    "Warangal": "वारंगल", "Karimnagar": "करीमनगर", "Bhopal": "भोपाल", "Indore": "इंदौर",
    "Gwalior": "ग्वालियर", "Jabalpur": "जबलपुर", "Patna": "पटना", "Gaya": "गया",
    "Muzaffarpur": "मुजफ्फरपुर", "Gurugram": "गुरुग्राम", "Faridabad": "फरीदाबाद",
    "Panipat": "पानीपत", "Ambala": "अंबाला", "Ludhiana": "लुधियाना", "Amritsar": "अमृतसर",
    "Jalandhar": "जालंधर", "Patiala": "पटियाला",
    "Maharashtra": "महाराष्ट्र", "Karnataka": "कर्नाटक", "Tamil Nadu": "तमिलनाडु",
    "Uttar Pradesh": "उत्तर प्रदेश", "Gujarat": "गुजरात", "Rajasthan": "राजस्थान",
    "West Bengal": "पश्चिम बंगाल", "Kerala": "केरल", "Telangana": "तेलंगाना",
    "Madhya Pradesh": "मध्य प्रदेश", "Bihar": "बिहार", "Haryana": "हरियाणा", "Punjab": "पंजाब",
    "H.No": "मकान नं", "House No.": "मकान नं.", "Flat": "फ्लैट", "Plot": "प्लॉट",
    "Door No": "द्वार सं", "Dist:": "जिला:", "District": "जिला", "S/O": "आत्मज", "D/O": "पुत्री",
    "W/O": "पत्नी", "C/O": "द्वारा",
}


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], dict[str, str]]:
    words = dict(PLACES)
    for latin, deva in MALE + FEMALE + MIDDLE_M + MIDDLE_F + SURNAMES:
        words.setdefault(latin, deva)
    keys = sorted(words, key=len, reverse=True)
    alternatives = "|".join(re.escape(k) for k in keys)
    pattern = re.compile(r"(?<![A-Za-z])(?:" + alternatives + r")(?![A-Za-z])")
    return pattern, words


def to_hindi(text: str) -> str:
    """Known names and places in Devanagari, everything else unchanged.

    >>> to_hindi("S/O: Ramesh Sharma, H.No 42, Gandhi Nagar, Bhopal, Madhya Pradesh - 462003")
    'आत्मज: रमेश शर्मा, मकान नं 42, गांधी नगर, भोपाल, मध्य प्रदेश - 462003'
    """
    pattern, words = _table()
    return pattern.sub(lambda m: words[m.group(0)], text)
