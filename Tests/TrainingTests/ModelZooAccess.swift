import DenoiserKit
import Zoo

/// The zoo of this build (the generated registrations).
enum ModelZooAccess {
    static var zoo: ModelZoo { ModelZoo.shared }
}
