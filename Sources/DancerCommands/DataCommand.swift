import ArgumentParser
import ECG
import Foundation

extension Dancer {
    /// `dancer data`: fetch and check MIT-BIH + NSTDB.
    struct DataCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "data",
            abstract: "Download or verify the MIT-BIH Arrhythmia and Noise Stress Test databases.",
            subcommands: [Download.self, VerifyData.self])

        /// `dancer data download --to DIR`.
        struct Download: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Download mitdb and nstdb from PhysioNet (resumable; checked against the server's SHA256SUMS.txt).",
                discussion: "Nothing is pinned: the project's own data/SHA256SUMS differs from PhysioNet's for nstdb/em (reconstructed, see SOURCES.md).")

            @Option(help: "Directory to fill (mitdb/ and nstdb/ are created inside).")
            var to: String

            @Option(help: "A PhysioNet-style file server root.")
            var baseURL: String = DataDownloader.physioNet.absoluteString

            func validate() throws {
                guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? "") else {
                    throw ValidationError("--base-url \(baseURL): expected an http(s) URL")
                }
            }

            func run() async throws {
                guard let base = URL(string: baseURL) else { return }
                let bar = DownloadBar()
                let report = try await DataDownloader(baseURL: base).download(into: URL(fileURLWithPath: to)) { bar.update($0) }
                bar.finish()
                print("downloaded \(report.downloaded.count) files, \(report.skipped.count) already present, \(report.absent.count) optional files absent on the server")
            }
        }

        /// `dancer data verify --data-dir DIR`.
        struct VerifyData: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Check a data directory against its SHA256SUMS and every WFDB header against its data files.")

            @OptionGroup var data: DataDirectoryOptions

            @Option(help: "The checksum list inside the data directory.")
            var checksums = "SHA256SUMS"

            func run() throws {
                let directory = try data.resolved()
                var checked = 0
                let bar = ProgressBar(label: "verifying \(directory.path)", total: nil, unit: "files")
                let report = try DataVerifier.verify(dataDirectory: directory, checksumsFile: checksums) { _ in
                    checked += 1
                    bar.update(checked)
                }
                bar.finish()
                for problem in report.problems { print("FAIL \(problem)") }
                print("\(report.checkedFiles) files checked, \(report.problems.count) problem(s)")
                if !report.isValid { throw ExitCode.failure }
            }
        }
    }
}

/// Renders `DownloadProgress` callbacks (which may come from another thread) as a progress bar.
final class DownloadBar: @unchecked Sendable {
    private let lock = NSLock()
    private var bar: ProgressBar?
    private var file = ""

    func update(_ progress: DownloadProgress) {
        lock.lock()
        defer { lock.unlock() }
        if progress.file != file {
            bar?.finish()
            file = progress.file
            bar = ProgressBar(label: progress.file, total: progress.bytesTotal.map(Int.init), unit: "B")
        }
        bar?.update(Int(progress.bytesDone), total: progress.bytesTotal.map(Int.init))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        bar?.finish()
    }
}
