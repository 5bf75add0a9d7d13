import ArgumentParser
import Foundation

/// `--no-pager` (`-P`), on every command whose text output can run long.
struct PagerOptions: ParsableArguments {
    @Flag(name: [.customShort("P"), .customLong("no-pager")], help: "Do not page the output on a terminal.")
    var noPager = false

    /// Pages standard output when it is a terminal, as git does.
    func start() { if !noPager { Pager.start() } }
}

/// Long output on a terminal goes through a pager, as git's does: `$HISTORY_PAGER`, else `$PAGER`, else
/// `less`, with `LESS=FRX` unless set (quit when it fits on one screen, keep colour, leave the text on
/// screen). Not when standard output is a file or a pipe, and not with `--no-pager` or a pager of `cat`.
enum Pager {
    /// The pager's process id while it runs; read by the exit hook, which cannot capture.
    nonisolated(unsafe) private static var pid: pid_t = 0
    /// Set before standard output is handed to the pager: output is still meant for a terminal (colour).
    nonisolated(unsafe) private(set) static var active = false

    static var command: String? {
        let environment = ProcessInfo.processInfo.environment
        // Without a chosen pager, `less` only if it is installed: a missing pager must not swallow the output.
        guard let chosen = environment["HISTORY_PAGER"] ?? environment["PAGER"] ?? (installed("less") ? "less" : nil) else { return nil }
        let trimmed = chosen.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || trimmed == "cat" ? nil : trimmed
    }

    static func installed(_ program: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    static func start() {
        guard !active, isatty(STDOUT_FILENO) == 1, let command else { return }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        var environment = ProcessInfo.processInfo.environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        if environment["LV"] == nil { environment["LV"] = "-c" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let arguments = ["/bin/sh", "-c", command]
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, argv, envp)
        close(fds[0])
        guard spawned == 0 else { close(fds[1]); return }
        pid = child
        active = true
        dup2(fds[1], STDOUT_FILENO)
        close(fds[1])
        // Every way out of the program (return from main, exit with a code) waits for the reader.
        atexit { Pager.finish() }
    }

    /// Closes our end of the pipe and waits until the person has left the pager.
    static func finish() {
        guard pid != 0 else { return }
        close(STDOUT_FILENO)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        pid = 0
    }
}
