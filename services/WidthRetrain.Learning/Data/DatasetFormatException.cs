namespace WidthRetrain.Learning.Data;

/// <summary>A dataset file is missing, truncated or not in the expected format. The message names the file.</summary>
public sealed class DatasetFormatException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
