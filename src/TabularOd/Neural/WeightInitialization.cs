namespace TabularOd.Neural;

/// <summary>How a <see cref="DenseLayer"/> draws its starting weights (biases always start at zero).</summary>
public enum WeightInitialization
{
    /// <summary>
    /// He (Kaiming) uniform, U(−√(6/fan_in), √(6/fan_in)): weight variance 2/fan_in, which keeps the variance of the
    /// activations constant from layer to layer when a ReLU follows and zeroes half of them (He, Zhang, Ren and Sun,
    /// "Delving deep into rectifiers", ICCV 2015). For layers followed by a ReLU.
    /// </summary>
    HeUniform,

    /// <summary>
    /// Glorot (Xavier) uniform, U(−√(6/(fan_in + fan_out)), √(6/(fan_in + fan_out))): variance 2/(fan_in + fan_out), the
    /// compromise that keeps both forward activations and backward gradients at scale through a linear unit (Glorot and
    /// Bengio, AISTATS 2010). For a linear output layer.
    /// </summary>
    GlorotUniform,
}
