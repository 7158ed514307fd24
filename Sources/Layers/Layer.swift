import Tensors

/// A differentiable module: a function of one tensor with named, trainable parameters.
///
/// Parameters, buffers and sub-layers are found by reflection over stored properties, so
/// each one's PyTorch `state_dict` key sits beside its declaration: the property name, or
/// the key given with ``StateKey`` where PyTorch's name is not a Swift name
/// (`@StateKey("bn_g") var gateNorm: BatchNorm1d`; `@StateKey("")` merges a sub-layer's
/// keys into this one's). Layers with computed keys conform to ``ExplicitMembers``.
///
/// ```swift
/// final class Block: Layer {
///     let conv1 = Conv1d(1, 16, kernelSize: 3, padding: 1, generator: &g)
///     func callAsFunction(_ x: Tensor) -> Tensor { conv1(x).relu() }
/// }
/// block.namedParameters.map(\.0)   // ["conv1.weight", "conv1.bias"]
/// ```
public protocol Layer: AnyObject {
    /// The forward pass.
    func callAsFunction(_ input: Tensor) -> Tensor
}

/// A layer whose behaviour differs between training and evaluation (e.g. batch norm).
public protocol ModeDependentLayer: Layer {
    /// `true` in training mode (PyTorch's default for a new module).
    var isTraining: Bool { get set }
}

/// A named member of a layer: a parameter, a buffer or a sub-layer.
public enum LayerMember {
    case parameter(Parameter)
    case buffer(Buffer)
    case layer(any Layer)
}

/// A layer that lists its members itself instead of by reflection — for members whose keys
/// are computed, such as `enc1 … encN` of a backbone whose depth is a configuration value.
public protocol ExplicitMembers: Layer {
    /// The members with their keys, in order. An empty key merges a sub-layer's members
    /// into this layer's namespace.
    var explicitMembers: [(String, LayerMember)] { get }
}

extension Layer {
    /// The direct members: parameters, buffers and sub-layers with their keys, in declaration order.
    var members: [(String, LayerMember)] {
        if let explicit = self as? any ExplicitMembers { return explicit.explicitMembers }
        var found: [(String, LayerMember)] = []
        for child in Mirror(reflecting: self).children {
            guard let label = child.label else { continue }
            collect(child.value, key: label, into: &found)
        }
        return found
    }

    private func collect(_ value: Any, key: String, into found: inout [(String, LayerMember)]) {
        switch value {
        case let keyed as any StateKeyed:
            collect(keyed.keyedValue, key: keyed.key, into: &found)
        case let parameter as Parameter:
            found.append((key, .parameter(parameter)))
        case let buffer as Buffer:
            found.append((key, .buffer(buffer)))
        case let layer as any Layer:
            found.append((key, .layer(layer)))
        case let layers as [any Layer]:
            for (index, layer) in layers.enumerated() { found.append(("\(key).\(index)", .layer(layer))) }
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional, let wrapped = mirror.children.first {
                collect(wrapped.value, key: key, into: &found)
            }
        }
    }

    /// Every trainable parameter with its dotted PyTorch key, depth first in declaration order.
    public var namedParameters: [(String, Parameter)] {
        members.flatMap { key, member -> [(String, Parameter)] in
            switch member {
            case .parameter(let p): return [(key, p)]
            case .buffer: return []
            case .layer(let layer): return layer.namedParameters.map { (joinedKey(key, $0.0), $0.1) }
            }
        }
    }

    /// Every buffer (e.g. batch-norm running statistics) with its dotted PyTorch key.
    public var namedBuffers: [(String, Buffer)] {
        members.flatMap { key, member -> [(String, Buffer)] in
            switch member {
            case .parameter: return []
            case .buffer(let b): return [(key, b)]
            case .layer(let layer): return layer.namedBuffers.map { (joinedKey(key, $0.0), $0.1) }
            }
        }
    }

    /// This layer and every layer inside it, depth first.
    public var allLayers: [any Layer] {
        [self] + members.flatMap { _, member -> [any Layer] in
            if case .layer(let layer) = member { return layer.allLayers }
            return []
        }
    }

    /// The parameters alone.
    public var parameters: [Parameter] { namedParameters.map(\.1) }

    /// The number of trainable scalars (PyTorch's `sum(p.numel() for p in parameters())`).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Switches this layer and all its sub-layers to training (`true`) or evaluation mode.
    public func setTraining(_ training: Bool) {
        for case let layer as any ModeDependentLayer in allLayers { layer.isTraining = training }
    }

    /// Clears every parameter's gradient.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }
}

/// `prefix.key`, or `key` alone when the prefix is empty (a merged sub-layer).
func joinedKey(_ prefix: String, _ key: String) -> String {
    prefix.isEmpty ? key : "\(prefix).\(key)"
}
