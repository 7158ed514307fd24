import CZip
import Foundation

/// Small helpers around libzip's error and time conventions.
enum Libzip {
    /// The libzip message for a `ZIP_ER_*` code, e.g. "Not a zip archive".
    static func message(forCode code: Int32) -> String {
        var error = zip_error_t()
        zip_error_init_with_code(&error, code)
        defer { zip_error_fini(&error) }
        return String(cString: zip_error_strerror(&error))
    }

    /// The message and zip code of an error held by libzip.
    static func describe(_ error: UnsafeMutablePointer<zip_error_t>) -> (code: Int32, message: String) {
        (zip_error_code_zip(error), String(cString: zip_error_strerror(error)))
    }

    /// The timestamp stamped on every written entry: 2000-01-01 00:00:00 *local* time.
    ///
    /// Zip stores MS-DOS local date/time and libzip converts with `localtime`, so picking the
    /// instant that is this wall-clock time locally makes the bytes identical in every time zone.
    static let fixedModificationTime: time_t = {
        var parts = tm()
        parts.tm_year = 2000 - 1900
        parts.tm_mon = 0
        parts.tm_mday = 1
        parts.tm_isdst = -1
        return mktime(&parts)
    }()
}
