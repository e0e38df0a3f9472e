import Foundation
import Testing
@testable import Omtale
@testable import OmtaleCLI

/// Real repositories, real `git commit`, the installed hook finding the built binary by itself.
@Suite("Git hook and --staged", .serialized)
struct HookTests {
    @Test func badDraftIsBlockedAndGoodDraftPasses() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        #expect(try repo.omtale(["hook", "install"]).status == 0)
        try repo.write("udkast/pressemeddelelse æøå.txt", Texts.missingRealdania)
        try repo.git("add", ".")
        let blocked = try repo.git("commit", "-m", "udkast", allowFailure: true)
        #expect(blocked.status != 0)
        // git sends a hook's output to stderr.
        #expect(blocked.stderr.contains("udkast/pressemeddelelse æøå.txt:1:1: fejl: Realdania er ikke nævnt."))
        // The hook's closing line, whole.
        #expect(blocked.stderr.split(separator: "\n").last.map(String.init)
                == "omtale: commit stoppet. Ret fejlene, og læg filerne klar igen (git add), eller spring tjekket over med: git commit --no-verify")
        #expect(try repo.git("rev-parse", "--verify", "HEAD", allowFailure: true).status != 0, "nothing was committed")

        try repo.write("udkast/pressemeddelelse æøå.txt", Texts.good)
        try repo.git("add", ".")
        #expect(try repo.git("commit", "-m", "udkast", allowFailure: true).status == 0)
    }

    /// Install says which binary the hook runs and how to change it; `hook status` reports it (issue 18).
    @Test func installNamesTheBinaryAndStatusReportsIt() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        let notYet = try repo.omtale(["hook", "status"])
        #expect(notYet.status == 1)
        #expect(notYet.stdout == "Omtale er ikke installeret som pre-commit-hook her. Installér med: omtale hook install\n")

        let binary = try #require(CLI.binary).path
        let install = try repo.omtale(["hook", "install"])
        #expect(install.stdout.contains("Hooket bruger \(binary). Skift med: omtale hook install --binary STI, eller sæt OMTALE=STI for ét commit.\n"))
        // The tests run a clone's own build: install warns that it goes with the clone.
        #expect(install.stdout.contains("Bemærk: det er en build i en klon (.build)"))
        let status = try repo.omtale(["hook", "status"])
        #expect(status.status == 0)
        #expect(status.stdout.hasPrefix("Omtale er installeret som pre-commit-hook og bruger \(binary).\n"))

        // A chosen binary with a quote in its path is kept exactly, and a vanished one is reported.
        let folder = repo.url.appendingPathComponent("it's bin")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let chosen = folder.appendingPathComponent("omtale").path
        try FileManager.default.copyItem(atPath: "/bin/true", toPath: chosen)
        #expect(try repo.omtale(["hook", "install", "--binary", chosen]).stdout.contains("Hooket bruger \(chosen)."))
        #expect(try repo.omtale(["hook", "status"]).stdout.hasPrefix("Omtale er installeret som pre-commit-hook og bruger \(chosen).\n"))
        try FileManager.default.removeItem(atPath: chosen)
        let vanished = try repo.omtale(["hook", "status"])
        #expect(vanished.status == 1)
        #expect(vanished.stdout.hasPrefix("Omtale er installeret som pre-commit-hook, men \(chosen) findes ikke; hooket bruger omtale fra PATH, hvis det findes.\n"))

        let missing = try repo.omtale(["hook", "install", "--binary", "/findes/ikke/omtale"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("Fejl: --binary /findes/ikke/omtale: filen findes ikke. Angiv stien til et installeret omtale, "
            + "fx --binary \"$(command -v omtale)\", eller udelad --binary for at bruge det omtale, der kører nu.\n"))
        let missingEnglish = try repo.omtale(["hook", "install", "--binary", "/findes/ikke/omtale", "--lang", "en"])
        #expect(missingEnglish.status == 2)
        #expect(missingEnglish.stderr.hasPrefix("Error: --binary /findes/ikke/omtale: the file does not exist. Give the path of an installed omtale, "
            + "e.g. --binary \"$(command -v omtale)\", or leave out --binary to use the omtale that is running now.\n"))
        // A file that cannot be run, and a folder: each says what to do.
        let notRunnable = folder.appendingPathComponent("ikke-kørbar").path
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: notRunnable))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: notRunnable)
        let cannotRun = try repo.omtale(["hook", "install", "--binary", notRunnable])
        #expect(cannotRun.status == 2)
        #expect(cannotRun.stderr.hasPrefix("Fejl: --binary \(notRunnable): filen kan ikke køres. Gør den kørbar med chmod +x \(Self.sh(notRunnable)), "
            + "eller angiv et andet omtale-program.\n"))
        let cannotRunEnglish = try repo.omtale(["hook", "install", "--binary", notRunnable, "--lang", "en"])
        #expect(cannotRunEnglish.stderr.hasPrefix("Error: --binary \(notRunnable): the file cannot be run. Make it executable with chmod +x \(Self.sh(notRunnable)), "
            + "or give another omtale program.\n"))
        let aFolder = try repo.omtale(["hook", "install", "--binary", folder.path])
        #expect(aFolder.status == 2)
        #expect(aFolder.stderr.hasPrefix("Fejl: --binary \(folder.path): det er en mappe, ikke et program. Angiv stien til selve omtale-programmet, fx \(Self.sh(folder.path + "/omtale")).\n"))
        let aFolderEnglish = try repo.omtale(["hook", "install", "--binary", folder.path, "--lang", "en"])
        #expect(aFolderEnglish.stderr.hasPrefix("Error: --binary \(folder.path): this is a folder, not a program. Give the path of the omtale program itself, e.g. \(Self.sh(folder.path + "/omtale")).\n"))
    }

    /// The `chmod +x` example is a command to copy: a path with spaces and quotes is quoted for the
    /// shell (single quotes, `'` as `'\\''`), and running the example really makes the file executable.
    /// A path as one shell word, written out here independently of HookInstaller.shellQuoted.
    static func sh(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test func theChmodExampleQuotesThePathForTheShell() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omtale-binary \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("Omtale's kopi $(x)").path
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let quoted = Self.sh(path)
        let danish = HookCommand.Install.binaryProblem(path, .da)
        #expect(danish == "--binary \(path): filen kan ikke køres. Gør den kørbar med chmod +x \(quoted), eller angiv et andet omtale-program.")
        let english = HookCommand.Install.binaryProblem(path, .en)
        #expect(english == "--binary \(path): the file cannot be run. Make it executable with chmod +x \(quoted), or give another omtale program.")
        // Run the example as a user would paste it.
        let example = try #require(english?.components(separatedBy: "with ").last?.components(separatedBy: ", or").first)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", example]
        shell.currentDirectoryURL = folder
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(FileManager.default.isExecutableFile(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
    }

    /// The hook's words in English on request, with --lang or from LANG, as every other line Omtale prints.
    @Test func hookMessagesInEnglishOnRequest() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        let binary = try #require(CLI.binary).path
        let notYet = try repo.omtale(["hook", "status", "--lang", "en"])
        #expect(notYet.status == 1)
        #expect(notYet.stdout == "Omtale is not installed as the pre-commit hook here. Install it with: omtale hook install\n")
        let install = try repo.omtale(["hook", "install"], environment: ["LANG": "en_GB.UTF-8"])
        #expect(install.stdout.hasPrefix("Omtale is installed as the pre-commit hook in "))
        #expect(install.stdout.contains("The hook uses \(binary). Change it with: omtale hook install --binary PATH, or set OMTALE=PATH for one commit.\n"))
        #expect(install.stdout.contains("Note: this is a build inside a clone (.build)"))
        let status = try repo.omtale(["hook", "status", "--lang", "en"])
        #expect(status.stdout == "Omtale is installed as the pre-commit hook and uses \(binary).\nChange it with: omtale hook install --binary PATH, or set OMTALE=PATH for one commit.\n")
        #expect(try repo.omtale(["hook", "uninstall", "--lang", "en"]).stdout == "Omtale's pre-commit hook is removed.\n")
        #expect(try repo.omtale(["hook", "uninstall", "--lang", "en"]).stdout == "Omtale was not installed as the pre-commit hook; nothing changed.\n")
        // Danish stays the default.
        #expect(try repo.omtale(["hook", "uninstall"]).stdout == "Omtale var ikke installeret som pre-commit-hook; intet ændret.\n")

        let folder = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: repo.url, create: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = try CLI.run(["hook", "status", "--lang", "en"], directory: folder)
        #expect(outside.status == 2)
        #expect(outside.stderr.hasPrefix("omtale: this is not a git repository ("))
    }

    @Test func initInEnglishOnRequest() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        #expect(try repo.omtale(["init", "--lang", "en"]).stdout == "Wrote .omtale.yml. Adjust it, and see the rules with 'omtale rules list'.\n")
        let again = try repo.omtale(["init"], environment: ["LANG": "en_US.UTF-8"])
        #expect(again.status == 2)
        #expect(again.stderr == "omtale: .omtale.yml already exists; use --force to overwrite it.\n")
        #expect(try repo.omtale(["init", "--force"]).stdout == "Skrev .omtale.yml. Ret den til, og se reglerne med 'omtale rules list'.\n")
    }

    @Test func partiallyStagedFileIsJudgedByItsStagedContent() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.omtale(["hook", "install"])
        // Staged: the good version. Working tree: a bad edit not staged.
        try repo.write("a.txt", Texts.good)
        try repo.git("add", "a.txt")
        try repo.write("a.txt", Texts.missingRealdania)
        #expect(try repo.git("commit", "-m", "god version", allowFailure: true).status == 0)
        // And the other way round: staged bad, working tree fixed.
        try repo.git("add", "a.txt")
        try repo.write("a.txt", Texts.good)
        let result = try repo.git("commit", "-m", "dårlig version", allowFailure: true)
        #expect(result.status != 0)
        // The check changed neither the working tree nor the index.
        #expect(try String(contentsOf: repo.url.appendingPathComponent("a.txt"), encoding: .utf8) == Texts.good)
        #expect(try repo.git("show", ":a.txt").stdout == Texts.missingRealdania)
    }

    @Test func existingHookIsChainedAndRestoredExactly() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        let hooks = repo.url.appendingPathComponent(".git/hooks")
        let original = "#!/bin/sh\necho 'det gamle hook kørte' >> \"$(git rev-parse --git-dir)/old-hook.log\"\n"
        try Executables.write(original, to: hooks.appendingPathComponent("pre-commit").path, mode: "750")

        #expect(try repo.omtale(["hook", "install"]).stdout.contains("pre-commit.omtale-chained"))
        #expect(try repo.omtale(["hook", "install"]).stdout.contains("allerede"), "install is idempotent")
        try repo.write("a.txt", Texts.good)
        try repo.git("add", ".")
        #expect(try repo.git("commit", "-m", "x", allowFailure: true).status == 0)
        let log = try String(contentsOf: repo.url.appendingPathComponent(".git/old-hook.log"), encoding: .utf8)
        #expect(log == "det gamle hook kørte\n", "the old hook ran once, after Omtale")

        #expect(try repo.omtale(["hook", "uninstall"]).status == 0)
        let restored = hooks.appendingPathComponent("pre-commit")
        #expect(try String(contentsOf: restored, encoding: .utf8) == original)
        let permissions = try FileManager.default.attributesOfItem(atPath: restored.path)[.posixPermissions] as? Int
        #expect(permissions == 0o750)
        #expect(!FileManager.default.fileExists(atPath: hooks.appendingPathComponent("pre-commit.omtale-chained").path))
    }

    @Test func honoursCoreHooksPath() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.git("config", "core.hooksPath", "githooks")
        try repo.omtale(["hook", "install"])
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("githooks/pre-commit").path))
        try repo.write("a.txt", Texts.missingRealdania)
        try repo.git("add", ".")
        #expect(try repo.git("commit", "-m", "x", allowFailure: true).status != 0)
    }

    @Test func worksInALinkedWorktree() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.write("a.txt", Texts.good)
        try repo.git("add", ".")
        try repo.git("commit", "-m", "start")
        let worktree = repo.url.appendingPathComponent("wt").path
        try repo.git("worktree", "add", "-q", worktree, "-b", "side")
        let linked = try TemporaryRepository.at(URL(fileURLWithPath: worktree))
        try linked.omtale(["hook", "install"])
        try linked.write("b.txt", Texts.missingRealdania)
        try linked.git("add", "b.txt")
        #expect(try linked.git("commit", "-m", "x", allowFailure: true).status != 0)
    }

    @Test func worksInASubmodule() throws {
        let library = try TemporaryRepository()
        defer { library.remove() }
        try library.write("a.txt", Texts.good)
        try library.git("add", ".")
        try library.git("commit", "-m", "start")
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", library.path, "tekster")
        let submodule = try TemporaryRepository.at(repo.url.appendingPathComponent("tekster"))
        try submodule.git("config", "user.email", "test@omtale.invalid")
        try submodule.git("config", "user.name", "Omtale Test")
        try submodule.omtale(["hook", "install"])
        // The hook lives in the superproject's .git/modules/tekster/hooks, where git looks for it.
        #expect(FileManager.default.fileExists(atPath: repo.url.appendingPathComponent(".git/modules/tekster/hooks/pre-commit").path))
        try submodule.write("b.txt", Texts.missingRealdania)
        try submodule.git("add", "b.txt")
        #expect(try submodule.git("commit", "-m", "x", allowFailure: true).status != 0)
    }

    @Test func hookSaysWhatToDoWhenOmtaleIsGone() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        // Install with a copy of the binary, then remove the copy: the hook must explain, not fail silently.
        let copy = repo.url.appendingPathComponent("bin/omtale")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Executables.copy(try #require(CLI.binary), to: copy)
        #expect(try repo.run(copy.path, ["hook", "install"]).status == 0)
        try FileManager.default.removeItem(at: copy)
        try repo.write("a.txt", Texts.good)
        try repo.git("add", "a.txt")
        let result = try repo.git("commit", "-m", "x", allowFailure: true)
        #expect(result.status != 0)
        // The hook's own lines, whole, in Danish and (with LANG) in English.
        func hookLines(_ stderr: String) -> [String] { stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("omtale: ") } }
        #expect(hookLines(result.stderr) == [
            "omtale: programmet blev ikke fundet (hverken \(copy.path) eller i PATH).",
            "omtale: installér Omtale igen, eller sæt OMTALE til stien til programmet. Spring tjekket over med: git commit --no-verify",
        ])
        let english = try repo.run("/usr/bin/env", ["git", "commit", "-m", "x"], environment: ["LANG": "en_GB.UTF-8"])
        #expect(english.status != 0)
        #expect(hookLines(english.stderr) == [
            "omtale: the program was not found (neither \(copy.path) nor in PATH).",
            "omtale: install Omtale again, or set OMTALE to the program's path. Skip the check with: git commit --no-verify",
        ])
    }

    @Test func stagedCheckSkipsDeletedAndUnknownFilesAndHonoursExclude() throws {
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        try repo.write("old.txt", Texts.good)
        try repo.git("add", ".")
        try repo.git("commit", "-m", "start")
        try repo.git("rm", "-q", "old.txt")
        try repo.write("noter.rtf", Texts.missingRealdania)
        try repo.write(".omtale.yml", "exclude: [\"arkiv/**\"]\n")
        try repo.write("arkiv/2023.txt", Texts.missingRealdania)
        try repo.write("udkast/ny fil.txt", Texts.good)
        try repo.git("add", ".")
        let result = try repo.omtale(["check", "--staged", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        // The .rtf is listed as not checked (issue 18: no silent skips); the hidden .omtale.yml is not,
        // as in a folder walk; the deleted file and the excluded folder are left out.
        #expect(files.compactMap { $0["path"] as? String } == ["noter.rtf", "udkast/ny fil.txt"])
        #expect(files.map { $0["skipped"] as? Bool ?? false } == [true, false])
    }

    @Test(ExternalTools.preCommitTrait)
    func preCommitFrameworkRunsOmtale() throws {
        let preCommit = try #require(ExternalTools.preCommit, "CI is set but pre-commit is not installed; .ci/run installs it")
        let repo = try TemporaryRepository()
        defer { repo.remove() }
        let binary = try #require(CLI.binary).path
        // The hook is the shipped .pre-commit-hooks.yaml, key for key, except that pre-commit runs
        // the binary built for these tests (`language: system`) instead of building the package
        // itself (`language: swift`, minutes per run).
        let shipped = try Self.shippedHook()
        let entry = try #require(shipped["entry"])
        #expect(entry.hasPrefix("omtale "), "the shipped entry runs omtale: \(entry)")
        var hook = shipped
        hook["entry"] = binary + entry.dropFirst("omtale".count)
        hook["language"] = "system"
        let keys = ["id", "name", "description", "entry", "language", "files", "require_serial"].filter { hook[$0] != nil }
        #expect(Set(keys) == Set(shipped.keys), "a key of the shipped hook is not carried over: \(shipped.keys.sorted())")
        let lines = keys.enumerated().map { index, key in (index == 0 ? "      - " : "        ") + "\(key): \(hook[key]!)" }
        try repo.write(".pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks:\n" + lines.joined(separator: "\n") + "\n")
        try repo.write("udkast.txt", Texts.missingRealdania)
        try repo.git("add", ".")
        let bad = try repo.run(preCommit, ["run", "--all-files"], environment: ["PRE_COMMIT_HOME": repo.url.appendingPathComponent(".cache").path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("Realdania er ikke nævnt"))
        try repo.write("udkast.txt", Texts.good)
        try repo.git("add", ".")
        let good = try repo.run(preCommit, ["run", "--all-files"], environment: ["PRE_COMMIT_HOME": repo.url.appendingPathComponent(".cache").path])
        #expect(good.status == 0, "\(good.stdout)")
    }

    /// The one hook of the shipped .pre-commit-hooks.yaml, its keys and their values as written.
    static func shippedHook() throws -> [String: String] {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        var hook: [String: String] = [:]
        for line in text.components(separatedBy: "\n") where !line.hasPrefix("#") && line.contains(": ") {
            let trimmed = line.hasPrefix("- ") ? String(line.dropFirst(2)) : line.trimmingCharacters(in: .whitespaces)
            guard let colon = trimmed.range(of: ": ") else { continue }
            hook[String(trimmed[..<colon.lowerBound])] = String(trimmed[colon.upperBound...])
        }
        return hook
    }

    @Test func theShippedPreCommitHooksFileDeclaresOmtale() throws {
        let hook = try Self.shippedHook()
        #expect(hook["id"] == "omtale")
        #expect(hook["language"] == "swift")
        #expect(hook["entry"] == "omtale check")
        // Every extension the input registry reads, and none it does not, so a staged draft is never passed over.
        let files = try #require(hook["files"])
        let regex = try Regex(files)
        for ext in InputRegistry.standard.knownExtensions {
            #expect(("udkast." + ext).contains(regex), "\(ext) is read by Omtale but not given to it by pre-commit")
            #expect(("UDKAST." + ext.uppercased()).contains(regex), "\(ext) in capitals (as Windows saves it) is passed over")
        }
        #expect(!"udkast.pdf".contains(regex) && !"udkast.docx.bak".contains(regex))
    }
}

extension TemporaryRepository {
    /// An existing folder (a linked worktree) driven like a repository.
    static func at(_ url: URL) throws -> TemporaryRepository {
        TemporaryRepository(existing: url)
    }

    private init(existing: URL) { url = existing }
}
