using System.Text.Json.Serialization;

namespace WidthRetrain.Contracts.Campaigns;

/// <summary>
/// What compute costs. A round's device cost is its device seconds times the hourly price of its device kind;
/// its energy is device seconds times the device's power draw; serving cost is the price of a million
/// predictions of the arm's model on the serving device at its effective throughput.
/// </summary>
/// <param name="Currency">Label only, e.g. USD.</param>
/// <param name="DeviceHourPrice">Price per device-hour by device kind (cpu, cuda).</param>
/// <param name="PowerDrawWatts">Average power draw by device kind.</param>
/// <param name="EnergyPricePerKwh">Price of a kWh (added to the device price: set 0 when the hourly price includes power).</param>
/// <param name="Co2GramsPerKwh">Optional grid carbon intensity, to report grams of CO2.</param>
/// <param name="ServingDevice">Device kind that serves predictions.</param>
/// <param name="ServingGflopsPerSecond">Effective throughput of the serving device for this model family.</param>
/// <param name="Production">What one simulated round stands for in production; null = price the simulated rounds as measured.</param>
public sealed record PriceBook(
    string Currency,
    IReadOnlyDictionary<string, double> DeviceHourPrice,
    IReadOnlyDictionary<string, double> PowerDrawWatts,
    double EnergyPricePerKwh,
    double? Co2GramsPerKwh,
    string ServingDevice,
    double ServingGflopsPerSecond,
    // Omitted when null: the price books recorded before this field existed keep their content, and so their hash.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProductionScale? Production = null)
{
    /// <summary>A cloud-like default: a 2-vCPU machine at 0.10/h, 65 W, 0.15/kWh, 400 gCO2/kWh, served on CPU at 20 GFLOP/s.</summary>
    public static PriceBook Default { get; } = new("USD",
        new Dictionary<string, double> { ["cpu"] = 0.10, ["cuda"] = 1.20 },
        new Dictionary<string, double> { ["cpu"] = 65, ["cuda"] = 300 },
        0.15, 400, "cpu", 20);
}
