import DancerCommands
import Foundation

// The `dancer` executable: everything lives in DancerCommands (testable); this only runs it.
exit(await DancerMain.run(Array(CommandLine.arguments.dropFirst())))
