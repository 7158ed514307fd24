// swift-tools-version: 6.1
// DANCER Zoo — a plugin-based model zoo of ECG denoisers.
import PackageDescription

let package = Package(
    name: "DANCERZoo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dancer", targets: ["dancer"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Layers", targets: ["Layers"]),
        .library(name: "Random", targets: ["Random"]),
        .library(name: "SafeTensors", targets: ["SafeTensors"]),
        .library(name: "ZipArchive", targets: ["ZipArchive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, libzip-dev).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),

        // Seedable randomness shared by initialisation, data and training.
        .target(name: "Random"),

        // Compute engine and layers.
        .target(name: "Tensors", dependencies: ["CBLAS", "Random"]),
        .target(name: "Layers", dependencies: ["Tensors", "Random"]),

        // File formats: safetensors weights, zip archives (libzip).
        .target(name: "SafeTensors", exclude: ["README.md"]),
        .target(name: "ZipArchive", dependencies: ["CZip"], exclude: ["README.md"]),

        // Measurements behind kernel choices (`dancer bench`).
        .target(name: "Benchmarking", dependencies: ["Tensors"]),

        // The CLI.
        .executableTarget(
            name: "dancer",
            dependencies: [
                "Tensors", "Layers", "Random", "Benchmarking",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Tests.
        .target(name: "TensorTestSupport", dependencies: ["Tensors", "Random"], path: "Tests/TensorTestSupport"),
        .testTarget(name: "RandomTests", dependencies: ["Random"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "Random", "TensorTestSupport"]),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "Tensors", "Random", "TensorTestSupport"]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ZipArchiveTests", dependencies: ["ZipArchive"]),
    ],
    swiftLanguageModes: [.v5]
)
