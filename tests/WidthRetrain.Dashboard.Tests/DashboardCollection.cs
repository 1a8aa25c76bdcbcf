namespace WidthRetrain.Dashboard.Tests;

/// <summary>The API and browser tests share one recorded campaign and one dashboard (CI time), and so run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
