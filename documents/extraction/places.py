"""A small gazetteer to recognise a location in a resume header or a JD: countries and big cities."""

import re

from .sections import fold

COUNTRIES = """
afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria, azerbaijan, bahrain,
bangladesh, belarus, belgium, belgique, belgie, bolivia, bosnia, brazil, brasil, bulgaria, cambodia, cameroon,
canada, chile, china, colombia, costa rica, croatia, cuba, cyprus, czechia, czech republic, denmark, danmark,
dominican republic, ecuador, egypt, el salvador, estonia, ethiopia, finland, suomi, france, germany,
deutschland, ghana, greece, guatemala, honduras, hong kong, hungary, iceland, india, indonesia, iran, iraq,
ireland, israel, italy, italia, jamaica, japan, jordan, kazakhstan, kenya, korea, south korea, kosovo, kuwait,
latvia, lebanon, lithuania, luxembourg, malaysia, malta, mexico, moldova, monaco, mongolia, montenegro, morocco,
nepal, netherlands, nederland, the netherlands, holland, new zealand, nicaragua, nigeria, north macedonia,
norway, norge, oman, pakistan, panama, paraguay, peru, philippines, poland, polska, portugal, puerto rico,
qatar, romania, russia, saudi arabia, senegal, serbia, singapore, slovakia, slovenia, south africa, spain,
espana, sri lanka, sweden, sverige, switzerland, schweiz, suisse, svizzera, taiwan, tanzania, thailand, tunisia,
turkey, turkiye, uganda, ukraine, united arab emirates, uae, united kingdom, uk, great britain, england,
scotland, wales, northern ireland, united states, usa, us, united states of america, uruguay, uzbekistan,
venezuela, vietnam, zambia, zimbabwe, eu, europe, emea, latam, apac
"""
CITIES = """
amsterdam, rotterdam, the hague, utrecht, eindhoven, antwerp, brussels, bruxelles, ghent, paris, lyon,
marseille, toulouse, nice, nantes, bordeaux, lille, strasbourg, montpellier, rennes, berlin, munich, munchen,
hamburg, frankfurt, frankfurt am main, cologne, koln, stuttgart, dusseldorf, leipzig, dresden, hanover,
hannover, nuremberg, nurnberg, bremen, essen, dortmund, bonn, karlsruhe, mannheim, vienna, wien, graz, linz,
salzburg, zurich,
geneva, geneve, basel, bern, lausanne, madrid, barcelona, valencia, seville, sevilla, malaga, bilbao, zaragoza,
palma, las palmas, alicante, murcia, granada, lisbon, lisboa, porto, braga, coimbra, rome, roma, milan, milano,
turin, torino, naples, napoli, florence, firenze, bologna, genoa, genova, venice, venezia, verona, palermo,
bari, london, manchester, birmingham, leeds, glasgow, edinburgh, bristol, liverpool, sheffield, cambridge,
oxford, belfast, cardiff, newcastle, nottingham, brighton, dublin, cork, galway, copenhagen, aarhus,
stockholm, gothenburg, goteborg, malmo, oslo, bergen, helsinki, espoo, tampere, reykjavik, tallinn, riga,
vilnius, warsaw, warszawa, krakow, wroclaw, gdansk, poznan, lodz, prague, praha, brno, bratislava, budapest,
bucharest, cluj napoca, sofia, belgrade, zagreb, ljubljana, athens, thessaloniki, istanbul, ankara, izmir,
kyiv, kiev, lviv, kharkiv, minsk, moscow, saint petersburg, tbilisi, yerevan, baku, tel aviv, jerusalem, haifa,
dubai, abu dhabi, doha, riyadh, cairo, casablanca, tunis, lagos, nairobi, accra, johannesburg, cape town,
durban, kampala, kigali, addis ababa, new york, new york city, nyc, san francisco, sf bay area, bay area,
los angeles, seattle, austin, boston, chicago, denver, atlanta, miami, dallas, houston, san diego, san jose,
portland, philadelphia, washington, washington dc, phoenix, minneapolis, detroit, pittsburgh, raleigh,
salt lake city, nashville, charlotte, orlando, tampa, baltimore, columbus, indianapolis, kansas city,
st louis, las vegas, sacramento, palo alto, mountain view, menlo park, sunnyvale, cupertino, redmond, toronto,
vancouver, montreal, ottawa, calgary, edmonton, waterloo, quebec, mexico city, ciudad de mexico, guadalajara,
monterrey, bogota, medellin, cali, lima, santiago, buenos aires, cordoba, rosario, montevideo, sao paulo,
rio de janeiro, belo horizonte, brasilia, curitiba, porto alegre, recife, florianopolis, caracas, quito,
la paz, asuncion, panama city, san juan, havana, tokyo, osaka, kyoto, yokohama, seoul, busan, beijing,
shanghai, shenzhen, guangzhou, hangzhou, chengdu, taipei, kuala lumpur, jakarta, bangkok, manila,
ho chi minh city, hanoi, bangalore, bengaluru, mumbai, delhi, new delhi, hyderabad, chennai, pune, kolkata,
gurgaon, gurugram, noida, ahmedabad, karachi, lahore, islamabad, dhaka, colombo, kathmandu, sydney, melbourne,
brisbane, perth, adelaide, canberra, auckland, wellington, christchurch
"""
REMOTE_WORDS = {
    "remote", "remoto", "remota", "teletrabajo", "teletravail", "homeoffice", "home office", "anywhere", "worldwide",
}


def _names(block: str) -> set[str]:
    return {fold(name) for name in block.split(",") if name.strip()}


_PLACES = _names(COUNTRIES) | _names(CITIES)
_LONGEST = max(len(name.split()) for name in _PLACES)


_STATE = re.compile(r"(.+?)(,)?\s*([A-Z]{2})")
US_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_PLACE_NAME = re.compile(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}")


def is_place(text: str) -> bool:
    """The whole text names a known place, a "City, Country" or "City, ST" pair, or remote work."""
    folded = fold(text)
    if not folded:
        return False
    if folded in _PLACES or folded in REMOTE_WORDS:
        return True
    state = _STATE.fullmatch(text.strip())
    if state and state.group(3) in US_STATES and (
        is_place(state.group(1)) or (state.group(2) and _PLACE_NAME.fullmatch(state.group(1).strip()))
    ):
        return True  # "Boston MA", "Santa Clara, CA"
    if " & " in text:
        return all(is_place(part) for part in text.split(" & "))  # "Palo Alto, CA & Ithaca, NY"
    parts = [fold(p) for p in text.split(",") if p.strip()]
    return len(parts) >= 2 and all(p in _PLACES or len(p) == 2 for p in parts) and any(p in _PLACES for p in parts)


def mentions_place(text: str) -> bool:
    """Some run of words in the text is a known city or country."""
    words = fold(text).split()
    runs = (" ".join(words[i : i + n]) for n in range(1, _LONGEST + 1) for i in range(len(words) - n + 1))
    return any(len(run) > 2 and run in _PLACES for run in runs)  # "us", "la" alone say too little
