namespace WidthRetrain.Learning.Data;

/// <summary>A dataset's train and test splits.</summary>
public sealed record DatasetPair(ImageDataset Train, ImageDataset Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
