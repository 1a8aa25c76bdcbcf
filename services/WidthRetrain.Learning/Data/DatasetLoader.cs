namespace WidthRetrain.Learning.Data;

/// <summary>
/// Finds and loads a dataset from local files only (no network at run time). IDX sets are looked for in an
/// explicit directory, then in $WIDTHRETRAIN_DATA_DIR, then where Debian's dataset packages put them.
/// </summary>
public static class DatasetLoader
{
    public const string FashionMnist = "fashion-mnist";
    public const string Mnist = "mnist";
    public const string Kmnist = "kmnist";
    public const string CustomIdx = "idx";
    public const string Synthetic = "synthetic";
    public const string DataDirectoryVariable = "WIDTHRETRAIN_DATA_DIR";
    public const string DebianDatasetRoot = "/usr/share/datasets";

    public static IReadOnlyList<string> Names { get; } = [FashionMnist, Mnist, Kmnist, CustomIdx, Synthetic];

    private static readonly string[] Suffixes = ["", ".gz"];

    public static DatasetPair Load(DatasetRequest request)
    {
        string name = request.Name.Trim().ToLowerInvariant();
        if (!Names.Contains(name))
            throw new ArgumentException($"dataset: unknown value '{request.Name}'; allowed: {string.Join(", ", Names)}", nameof(request));
        if (request.TrainLimit is <= 0) throw new ArgumentException($"train-limit: must be a positive number of samples, got {request.TrainLimit}", nameof(request));
        if (request.TestLimit is <= 0) throw new ArgumentException($"test-limit: must be a positive number of samples, got {request.TestLimit}", nameof(request));

        if (name == Synthetic)
        {
            var (train, test) = SyntheticImages.Generate(request.Seed, request.TrainLimit ?? SyntheticImages.DefaultTrainCount,
                request.TestLimit ?? SyntheticImages.DefaultTestCount);
            return new DatasetPair(train, test);
        }

        string dir = ResolveDirectory(name, request.DataDirectory);
        ImageDataset trainSplit = ReadSplit(name, dir, "train", request.TrainLimit, request.Seed);
        try
        {
            return new DatasetPair(trainSplit, ReadSplit(name, dir, "t10k", request.TestLimit, request.Seed + 1));
        }
        catch
        {
            trainSplit.Dispose();
            throw;
        }
    }

    /// <summary>The directory that holds the dataset's four IDX files, or a clear error listing where it looked.</summary>
    public static string ResolveDirectory(string name, string? explicitDirectory)
    {
        var tried = new List<string>();
        foreach (string root in Roots(name, explicitDirectory))
        {
            foreach (string dir in new[] { root, Path.Combine(root, name), Path.Combine(root, name, "raw") })
            {
                tried.Add(dir);
                if (FindFile(dir, "train-images-idx3-ubyte") is not null) return dir;
            }
            if (explicitDirectory is not null) break; // an explicit directory is authoritative
        }
        string hint = name == FashionMnist ? " (on Debian: apt-get install dataset-fashion-mnist)" : "";
        throw new DatasetFormatException(tried.FirstOrDefault() ?? name,
            $"dataset '{name}' not found: no train-images-idx3-ubyte[.gz] in {string.Join(", ", tried)}{hint}; pass --data-dir or set {DataDirectoryVariable}");
    }

    private static IEnumerable<string> Roots(string name, string? explicitDirectory)
    {
        if (explicitDirectory is not null)
        {
            yield return explicitDirectory;
            yield break;
        }
        string? env = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(env)) yield return env;
        if (name != CustomIdx) yield return Path.Combine(DebianDatasetRoot, name);
    }

    private static string? FindFile(string dir, string stem) =>
        Suffixes.Select(s => Path.Combine(dir, stem + s)).FirstOrDefault(File.Exists);

    /// <summary>One split's seeded subset of at most <paramref name="limit"/> samples.</summary>
    private static ImageDataset ReadSplit(string name, string dir, string split, int? limit, long seed)
    {
        string images = FindFile(dir, $"{split}-images-idx3-ubyte")
            ?? throw new DatasetFormatException(Path.Combine(dir, $"{split}-images-idx3-ubyte[.gz]"), "file not found");
        string labels = FindFile(dir, $"{split}-labels-idx1-ubyte")
            ?? throw new DatasetFormatException(Path.Combine(dir, $"{split}-labels-idx1-ubyte[.gz]"), "file not found");
        var (pixels, count, rows, cols) = IdxFile.ReadImages(images);
        byte[] y = IdxFile.ReadLabels(labels);
        if (y.Length != count)
            throw new DatasetFormatException(labels, $"has {y.Length} labels but {images} has {count} images");
        int classes = y.Max() + 1;
        return ImageDataset.FromBytes(name, pixels.Span, count, rows, cols, y, Math.Max(classes, 2), limit, seed);
    }
}
