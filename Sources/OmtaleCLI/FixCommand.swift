import ArgumentParser
import Foundation
import Omtale

/// `omtale check --fix`: the safe fixes applied (text, Markdown) or a reviewed Word copy written,
/// then the report of what is left. `--dry-run` prints what would change and writes nothing.
extension CheckCommand {
    func validateFix() throws {
        if dryRun && !fix {
            throw ValidationError(da: "--dry-run hører til --fix: omtale check --fix --dry-run <fil>",
                                  en: "--dry-run belongs to --fix: omtale check --fix --dry-run <file>")
        }
        if inPlace && !fix {
            throw ValidationError(da: "--in-place hører til --fix: omtale check --fix --in-place <fil.docx>",
                                  en: "--in-place belongs to --fix: omtale check --fix --in-place <file.docx>")
        }
        guard fix else { return }
        if staged {
            throw ValidationError(da: "--fix retter filerne i mappen, ikke dem, der er lagt klar til commit; brug ikke --staged samtidig.",
                                  en: "--fix fixes the files in the folder, not those staged for commit; do not use --staged as well.")
        }
        if paths.contains("-") {
            throw ValidationError(da: "--fix kan ikke rette standard input; angiv en fil.", en: "--fix cannot fix standard input; give a file.")
        }
        if baseline != nil || writeBaseline != nil {
            throw ValidationError(da: "--fix kan ikke kombineres med --baseline eller --write-baseline.",
                                  en: "--fix cannot be combined with --baseline or --write-baseline.")
        }
    }

    /// Fixes the files one by one and returns the reports of what is left.
    func fixFiles(_ jobs: [Job], session: CheckSession, language: Language) throws -> [FileReport] {
        var options = Fixer.Options()
        options.inPlace = inPlace
        var reports: [FileReport] = []
        for job in jobs {
            guard case .file = job.source else {
                if case .problem(let error) = job.source { reports.append(FileReport(path: job.path, input: nil, error: error)) }
                continue
            }
            let checker: Checker
            do {
                let configuration = try session.configuration(forDirectory: job.directory)
                checker = try session.checker(for: configuration)
                options.language = session.language(for: configuration)
            } catch let error as RulesError {
                Console.error("omtale: " + error.description(shared.language))
                throw ExitCode(2)
            }
            let result = Fixer.fix(fileAt: job.path, checker: checker, inputID: input, options: options)
            if let problem = result.unsupported {
                Console.error("omtale: \(job.path): \(problem.sentence(language))")
            }
            if result.fixed != nil {
                if dryRun {
                    Console.out(try preview(result, language: language))
                } else {
                    do {
                        try Fixer.write(result)
                    } catch {
                        Console.error(language == .da ? "omtale: kan ikke skrive '\(result.destination)': \(SystemError.describe(error, .da)); filen er ikke ændret"
                                                      : "omtale: cannot write '\(result.destination)': \(SystemError.describe(error, .en)); the file was not changed")
                        throw ExitCode(2)
                    }
                    summarize(result, language: language)
                }
            }
            // With --dry-run nothing changed: the report is of the file as it is.
            reports.append(dryRun ? result.before : result.after)
        }
        return reports
    }

    /// What `--dry-run` prints: a unified diff for a text file, the planned changes for a .docx.
    func preview(_ result: FixResult, language: Language) throws -> String {
        guard let fixed = result.fixed else { return "" }
        if result.before.input == DocxInput.identifier {
            var lines = [language == .da ? "\(result.destination) ville få:" : "\(result.destination) would get:"]
            lines += result.applied.map { "  " + describe($0, input: DocxInput.identifier, language: language) }
            if result.comments > 0 {
                lines.append(language == .da ? "  \(result.comments) kommentar\(result.comments == 1 ? "" : "er") til fund uden sikker rettelse"
                                             : "  \(result.comments) comment\(result.comments == 1 ? "" : "s") on findings without a safe fix")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let old = try TextDecoding.decode(try Data(contentsOf: URL(fileURLWithPath: result.before.path))).text
        let new = try TextDecoding.decode(fixed).text
        return UnifiedDiff.make(old: old, new: new, oldName: "a/" + result.before.path, newName: "b/" + result.before.path)
    }

    /// One line per change on standard error, then where the copy went.
    func summarize(_ result: FixResult, language: Language) {
        let path = result.before.path
        let applied = result.applied
        let input = result.before.input ?? ""
        if input == DocxInput.identifier {
            Console.error(language == .da
                ? "omtale: skrev \(result.destination): \(applied.count) \(applied.count == 1 ? "sporet ændring" : "sporede ændringer") og \(result.comments) kommentar\(result.comments == 1 ? "" : "er")"
                : "omtale: wrote \(result.destination): \(applied.count) tracked change\(applied.count == 1 ? "" : "s") and \(result.comments) comment\(result.comments == 1 ? "" : "s")")
        } else {
            let settled = Set(applied.flatMap(\.findings)).count
            Console.error(language == .da ? "omtale: rettede \(path) (\(settled) fund):" : "omtale: fixed \(path) (\(settled) finding\(settled == 1 ? "" : "s")):")
        }
        for edit in applied { Console.error("  " + describe(edit, input: input, language: language)) }
    }

    func describe(_ edit: FixPlan.Edit, input: String, language: Language) -> String {
        let place: String
        if input == DocxInput.identifier {
            let part = WordLocation.partName(edit.part ?? "body", language)
            place = language == .da ? "\(part), afsnit \(edit.start.line)" : "\(part), paragraph \(edit.start.line)"
        } else {
            place = language == .da ? "linje \(edit.start.line)" : "line \(edit.start.line)"
        }
        let text = edit.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if edit.isInsertion {
            return language == .da ? "\(place): tilføjede »\(text)«" : "\(place): added “\(text)”"
        }
        return language == .da ? "\(place): »\(edit.excerpt)« → »\(text)«" : "\(place): “\(edit.excerpt)” → “\(text)”"
    }
}
