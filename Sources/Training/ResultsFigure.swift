/// A figure published beside the tables (e.g. the seed's comparison of every method on one
/// excerpt): written as `fileName`, linked from README.md and inlined into index.html.
///
/// ```swift
/// results.figures.append(ResultsFigure(fileName: "comparison-emb.svg", title: "All methods at −4 dB",
///                                      caption: "record 103, 60–65 s", svg: figure.render()))
/// ```
public struct ResultsFigure: Sendable {
    public var fileName: String
    public var title: String
    public var caption: String
    public var svg: String

    public init(fileName: String, title: String, caption: String, svg: String) {
        (self.fileName, self.title, self.caption, self.svg) = (fileName, title, caption, svg)
    }
}
