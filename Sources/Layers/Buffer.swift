import Tensors

/// Non-trainable state saved with a layer (PyTorch's registered buffers), such as batch
/// norm's running statistics.
public final class Buffer {
    /// How the buffer is stored in a checkpoint.
    public enum StorageType: String, Sendable { case float32, int64 }

    /// The current value.
    public var value: Tensor
    /// The element type in checkpoints (`int64` for counters such as `num_batches_tracked`).
    public let storageType: StorageType

    /// Creates a buffer.
    public init(_ value: Tensor, storageType: StorageType = .float32) {
        self.value = value.detached
        self.storageType = storageType
    }
}
