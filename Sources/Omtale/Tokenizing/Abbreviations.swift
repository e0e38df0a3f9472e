/// Danish abbreviations that end in a full stop without ending the sentence.
///
/// ICU's sentence rules already keep "ca. 30" and "mio. kr." together (no break before lower
/// case), but break "jf. Bilag 1" or "adm. direktør Hansen. Næste" at the wrong place or the
/// right one depending on what follows. Two lists, because they behave differently:
enum DanishAbbreviations {
    /// Never the last word of a sentence: always followed by what they abbreviate for.
    static let neverFinal: Set<String> = [
        "bl.a.", "f.eks.", "fx.", "ca.", "pkt.", "jf.", "jfr.", "inkl.", "ekskl.", "adm.", "dir.",
        "nr.", "tlf.", "hhv.", "kl.", "vedr.", "iflg.", "mht.", "mhp.", "ift.", "ifm.", "pga.",
        "dvs.", "evt.", "bl.", "ang.", "stk.", "prof.", "dr.", "skt.", "st.", "gl.", "cand.",
        "hr.", "fru.", "sr.", "afd.", "ekstr.", "el.", "ifb.", "vha.", "vs.", "u.", "ved.",
        "a.", "s.", "f.",
    ]

    /// May end a sentence ("… og andre kommuner mv."), so they only hold the sentence
    /// together when lower case or a digit follows.
    static let sometimesFinal: Set<String> = [
        "mio.", "mia.", "kr.", "m.fl.", "mv.", "m.v.", "osv.", "etc.", "pct.", "km.", "o.l.",
        "m.m.", "mfl.", "ff.", "t.o.m.", "o.a.",
    ]
}
