using WidthRetrain.Learning.Models;
using WidthRetrain.Learning.Training;

namespace WidthRetrain.Learning.Protocol;

/// <summary>One continual-learning run: a model, how it is trained, and the seed that fixes it.</summary>
public sealed record RunSpec(MlpSpec Model, TrainingSettings Training, long Seed);
