/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// The standard library's `precondition` drops its message in optimised builds (`-O`), so a
/// shape mismatch in a release binary would stop without a word on what was wrong. Tensor
/// operations, layers and models check their arguments with this instead: the check costs the
/// same, and the message (the shapes involved) survives optimisation.
@inlinable @inline(__always)
public func checkPrecondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                              file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition()) { fatalError(message(), file: file, line: line) }
}
