"""What the offline judge needs to read German: function words, a stemmer and compound parts.

The product interviews in English and German, so its judge reads both. German inflects more and
writes compounds as one word ("Kundenkarte", "Informationsschreiben"); the reading therefore stems
German words with CISTEM (Weissweiler and Fraser, 2017: a published rule-based stemmer of a dozen
rules, no dictionary) and lets a compound meet its parts (see `judge.terms_meet`). All words are
folded first (lower case, no accents, "ß" as "ss"), as the rest of the judge does.
"""

import re

# German function words and verbs of saying/being that carry no subject matter, folded (ä -> a, ß -> ss).
FUNCTION_WORDS = frozenset("""
    aber alle allem allen aller alles als also am an andere anderem anderen anderer anderes auch auf aus
    bei beide beiden beim bin bis bist bitte da dabei dadurch dafur dagegen daher damit dann daran darauf
    daraus darf darfst darin daruber darum darunter das dass davon davor dazu dein deine deinem deinen deiner
    dem den denen denn der deren des dessen deshalb dich die dies diese diesem diesen dieser dieses dir doch
    dort du durch eben ebenfalls ein eine einem einen einer eines einige einigen einmal er es etwa etwas euch
    euer fur gar gegen gewesen habe haben hast hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre
    ihrem ihren ihrer ihres im immer in indem ins ist ja je jede jedem jeden jeder jedes jedoch jene jenem
    jenen jener jenes kann kannst konnen konnte kein keine keinem keinen keiner man manche manchem manchen
    mancher mich mir mit muss musst mussen musste nach nachdem nein nicht nichts noch nun nur ob oder ohne
    sehr sein seine seinem seinen seiner seit sich sie sind so sobald solch solche solchem solchen solcher
    soll sollen sollst sollte sollten sondern sonst soweit sowie sowohl uber um und uns unser unsere unserem
    unseren unserer unter viel viele vom von vor wahrend war waren warst was weil welche welchem welchen
    welcher welches wenn wer werde werden werdet wie wieder will wir wird wirst wo wohl wollen wurde wurden
    zu zum zur zwar zwischen gibt geben gegeben wird wurde worden mal dann schon ganz eher z.b zb bzw usw
    etc ggf evtl ca sprich also halt einfach eigentlich
""".split())
# Words that turn a statement into its opposite: kept as subject matter (they decide what was said).
NEGATIONS = frozenset("kein keine keinem keinen keiner nicht nichts nie niemals ohne".split())

_GE_PREFIX = re.compile(r"^ge(.{4,})")
_DOUBLE = re.compile(r"(.)\1")
_DOUBLE_BACK = re.compile(r"(.)\*")


def cistem(word: str) -> str:
    """CISTEM, case-insensitive, on a folded word ("gegrusst" -> "grus", "kundenkarte" -> "kundenkart")."""
    word = _GE_PREFIX.sub(r"\1", word)
    word = word.replace("sch", "$").replace("ei", "%").replace("ie", "&")
    word = _DOUBLE.sub(r"\1*", word)
    while len(word) > 4:  # CISTEM stops at 3; 4 keeps "Karte" (kart) and "geöffnet" (offn) meeting compounds
        if len(word) > 5 and (word.endswith(("em", "er")) or word.endswith("nd")):
            word = word[:-2]
            continue
        if word.endswith(("t", "e", "s", "n")):
            word = word[:-1]
            continue
        break
    word = _DOUBLE_BACK.sub(r"\1\1", word)
    return word.replace("%", "ei").replace("&", "ie").replace("$", "sch")


# German: "weiß ich nicht", "keine Ahnung", "k.A." open a non-answer as "I don't know" does in English.
NON_ANSWER = r"(ich\s+)?wei(ss|ß)\s+(ich\s+)?(es\s+)?nicht|keine\s+ahnung|k\.\s?a\.|kein(e)?\s+antwort|nichts"
