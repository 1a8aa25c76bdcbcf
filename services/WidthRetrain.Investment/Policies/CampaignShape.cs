namespace WidthRetrain.Investment.Policies;

/// <summary>The model family's shape, for scaling a measured stage cost to another width by parameter count.</summary>
public sealed record CampaignShape(int Inputs, int Classes, int Depth)
{
    public double Parameters(double width) => Inputs * width + width + (Depth - 1) * (width * width + width) + width * Classes + Classes;
}
