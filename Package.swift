// swift-tools-version: 6.1
// DANCER Zoo — a plugin-based model zoo of ECG denoisers.
import PackageDescription

/// Every model target of the zoo. Adding a model: create `Sources/<Target>/`, add its
/// Registry.json entry, and add its name here (see docs/adding-a-model.md).
let zooModels = ["DANCER", "DANCEChannel", "DANCESpatial", "DANCEDual", "UNet", "DACNN", "ACDAE", "FFTFilter", "DWTFilter"]

/// What every neural model target builds on.
let modelDependencies: [Target.Dependency] = ["Blocks", "DenoiserKit", "ECG", "Layers", "Tensors", "Random"]

let package = Package(
    name: "DANCERZoo",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dancer", targets: ["dancer"]),
        .library(name: "DenoiserKit", targets: ["DenoiserKit"]),
        .library(name: "Zoo", targets: ["Zoo"]),
        .library(name: "Tensors", targets: ["Tensors"]),
        .library(name: "Layers", targets: ["Layers"]),
        .library(name: "Random", targets: ["Random"]),
        .library(name: "SafeTensors", targets: ["SafeTensors"]),
        .library(name: "ZipArchive", targets: ["ZipArchive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, libzip-dev).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),

        // Seedable randomness shared by initialisation, data and training.
        .target(name: "Random"),

        // Compute engine and layers.
        .target(name: "Tensors", dependencies: ["CBLAS", "CAllocator", "Random"]),
        .target(name: "CAllocator"),
        .target(name: "Layers", dependencies: ["Tensors", "Random"]),

        // File formats: safetensors weights, zip archives (libzip).
        .target(name: "AtomicFiles"),
        .target(name: "SafeTensors", dependencies: ["AtomicFiles"], exclude: ["README.md"]),
        .target(name: "ZipArchive", dependencies: ["CZip", "AtomicFiles"], exclude: ["README.md"]),

        // ECG data: WFDB/CSV/EDF IO, NSTDB noise mixing, datasets, metrics, resampling.
        .target(name: "ECG", dependencies: ["Random", "AtomicFiles"]),

        // The zoo core: Denoiser protocol, neural adapter, weights IO.
        .target(name: "DenoiserKit", dependencies: ["ECG", "Layers", "Tensors", "SafeTensors", "ZipArchive", "Random", "AtomicFiles"]),

        // Building blocks shared by the models (MODEL-SPEC §1).
        .target(name: "Blocks", dependencies: ["Layers", "Tensors", "Random"]),

        // The zoo: registrations generated from Registry.json by the RegistryCodegen plugin.
        .target(
            name: "Zoo",
            dependencies: ["DenoiserKit"] + zooModels.map { .target(name: $0) },
            plugins: ["RegistryCodegenPlugin"]),
        .plugin(name: "RegistryCodegenPlugin", capability: .buildTool(), dependencies: ["registry-codegen"]),
        .plugin(
            name: "ZooCommand",
            capability: .command(
                intent: .custom(verb: "zoo", description: "Verify Models/ against Registry.json, or pack a checkpoint into Models/"),
                permissions: [.writeToPackageDirectory(reason: "pack copies a checkpoint archive into Models/")])),
        .executableTarget(name: "registry-codegen", dependencies: ["RegistryCodegenCore"]),
        .target(name: "RegistryCodegenCore"),

        // Measurements behind kernel choices (`dancer bench`).
        .target(name: "Benchmarking", dependencies: ["Tensors", "Layers", "DenoiserKit", "ECG"]),

        // Training, evaluation and published results (`dancer train/eval/report`).
        .target(
            name: "Training",
            dependencies: ["Zoo", "DenoiserKit", "ECG", "Layers", "Tensors", "SafeTensors", "ZipArchive", "AtomicFiles"],
            exclude: ["README.md"]),

        // The CLI: commands in a library (tested by parsing), a thin executable.
        .target(
            name: "DancerCommands",
            dependencies: [
                "Tensors", "Layers", "Random", "Benchmarking", "Zoo", "DenoiserKit", "ECG", "SafeTensors", "Training", "AtomicFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]),
        .executableTarget(name: "dancer", dependencies: ["DancerCommands"]),

        // Tests.
        .target(name: "TensorTestSupport", dependencies: ["Tensors", "Random"], path: "Tests/TensorTestSupport"),
        .target(name: "ProcessTestSupport", path: "Tests/ProcessTestSupport"),
        .target(
            name: "ModelTestSupport",
            dependencies: ["DenoiserKit", "ECG", "Layers", "Tensors", "SafeTensors", "Random"],
            path: "Tests/ModelTestSupport"),
        .testTarget(name: "RandomTests", dependencies: ["Random"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "Random", "TensorTestSupport"]),
        .testTarget(name: "LayersTests", dependencies: ["Layers", "Tensors", "Random", "TensorTestSupport"]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors", "AtomicFiles"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ZipArchiveTests", dependencies: ["ZipArchive"]),
        .testTarget(name: "ECGTests", dependencies: ["ECG", "Random"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "DancerCLITests",
            dependencies: ["DancerCommands", "Benchmarking", "DenoiserKit", "Zoo", "ECG", "SafeTensors", "ProcessTestSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(
            name: "TrainingTests",
            dependencies: ["Training", "Zoo", "DenoiserKit", "ECG", "Layers", "SafeTensors", "Tensors", "ProcessTestSupport"]),
        .testTarget(name: "DenoiserKitTests", dependencies: ["DenoiserKit", "Zoo", "ECG", "Layers", "SafeTensors", "Tensors", "ZipArchive", "Random"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "RegistryCodegenTests", dependencies: ["RegistryCodegenCore"], exclude: ["Fixtures"]),
        .testTarget(name: "NeuralModelTests", dependencies: ["ModelTestSupport", "DenoiserKit", "Layers", "Zoo"]),
        .testTarget(name: "DACNNTests", dependencies: ["DACNN", "ModelTestSupport", "Random"]),
        .testTarget(
            name: "ACDAETests",
            dependencies: ["ACDAE", "ModelTestSupport", "DenoiserKit", "Layers", "SafeTensors", "Tensors", "Random"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "FFTFilterTests", dependencies: ["FFTFilter", "ModelTestSupport", "ECG", "DenoiserKit", "Random"]),
        .testTarget(name: "DWTFilterTests", dependencies: ["DWTFilter", "ModelTestSupport", "ECG", "DenoiserKit", "Random"]),
    ],
    swiftLanguageModes: [.v5]
)

// One target per model, all with the same dependencies (MODEL-SPEC §2–4).
package.targets += zooModels.map { .target(name: $0, dependencies: modelDependencies) }
