import Testing
@testable import Omtale

@Suite("GitHub Actions reporter")
struct GitHubReporterTests {
    @Test func escapesDataAndProperties() {
        #expect(Escaping.gitHubData("100% sikkert\r\nny linje: a,b") == "100%25 sikkert%0D%0Any linje: a,b")
        #expect(Escaping.gitHubProperty("udkast/nyt, kort: 100%.txt") == "udkast/nyt%2C kort%3A 100%25.txt")
        #expect(Escaping.gitHubProperty("a\nb") == "a%0Ab")
        #expect(GitHubReporter.command("warning", properties: [("file", "a:b"), ("line", "2")], message: "x::y%")
                == "::warning file=a%3Ab,line=2::x::y%25")
    }

    @Test func oneCommandPerFindingWithSeverityMapped() throws {
        let output = GitHubReporter().render(ReportSamples.reports, options: ReportSamples.options())
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("::error file=udkast/Pressemeddelelse æøå.txt,line=1,col=7,endLine=1,endColumn=21,title=Omtale%3A partner-mention::Realdania er ikke nævnt."))
        #expect(lines[0].contains("%0ALøsning: Tilføj de manglende parter"))
        #expect(lines[1].hasPrefix("::notice file=") && lines[1].contains("regions-collective"))
        #expect(lines[2].hasPrefix("::warning file=") && lines[2].contains("line=3,col=53,endLine=3,endColumn=55"))
        #expect(lines[3] == "::error file=udkast/gammel <v2> & kopi%2C 100%25%3A arkiv.doc,title=Omtale%3A filen kan ikke læses::filen indeholder binære data.")
        #expect(lines[4] == "Tjekkede 2 filer: 1 fejl, 1 advarsel, 1 bemærkning. 1 fil kunne ikke læses: udkast/gammel <v2> & kopi, 100%: arkiv.doc.")
        // The name and properties end at the first "::"; no unescaped colon may stand in them.
        for line in lines.prefix(4) {
            let head = line.dropFirst(2).components(separatedBy: "::")[0]
            #expect(!head.contains(":"), "\(head)")
        }
    }
}
