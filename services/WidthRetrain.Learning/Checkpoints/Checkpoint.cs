using WidthRetrain.Learning.Models;

namespace WidthRetrain.Learning.Checkpoints;

/// <summary>A saved model: where its weights are, their SHA-256 (hex) and the architecture to rebuild it.</summary>
public sealed record Checkpoint(string Path, string Sha256, MlpSpec Spec);
