using WidthRetrain.Contracts.Campaigns;
using WidthRetrain.Contracts.Rounds;

namespace WidthRetrain.Investment.Costs;

/// <summary>Prices a round from a <see cref="PriceBook"/>. Pure: the same facts and book always give the same cost.</summary>
public static class RoundPricing
{
    /// <summary>The price-book kind of a device name such as "cpu" or "cuda:0".</summary>
    public static string DeviceKind(string device) => device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) ? "cuda" : "cpu";

    /// <param name="forwardFlopsPerSample">The arm's model cost of one prediction, for the serving projection.</param>
    /// <param name="trainFlops">The round's training FLOPs; needed (and only used) when the book has a <see cref="PriceBook.Production"/> scale.</param>
    public static RoundCost Price(PriceBook book, string trainDevice, double trainSeconds, string evalDevice, double evalSeconds, double forwardFlopsPerSample,
        double trainFlops = 0)
    {
        if (trainSeconds < 0 || evalSeconds < 0) throw new ArgumentException($"device seconds must be 0 or more (train {trainSeconds}, eval {evalSeconds})");
        string trainKind = DeviceKind(trainDevice), evalKind = DeviceKind(evalDevice);
        if (book.Production is { } production)
        {
            // The production cycle this round stands for: its FLOPs scaled, on the production device; evaluation keeps the
            // share of the round's time it measured. The measured seconds of the simulation say nothing about that hardware.
            if (!(trainFlops > 0)) throw new ArgumentException($"prices.production: the round's training FLOPs are needed to scale it, got {trainFlops}");
            double productionTrain = trainFlops * production.FlopMultiplier / (production.GflopsPerSecond * 1e9);
            double productionEval = trainSeconds > 0 ? productionTrain * evalSeconds / trainSeconds : 0;
            (trainSeconds, evalSeconds) = (productionTrain, productionEval);
            trainKind = evalKind = DeviceKind(production.Device);
        }
        double trainCost = trainSeconds / 3600 * HourPrice(book, trainKind);
        double evalCost = evalSeconds / 3600 * HourPrice(book, evalKind);
        double kwh = (trainSeconds * Watts(book, trainKind) + evalSeconds * Watts(book, evalKind)) / 3.6e6;
        double energyCost = kwh * book.EnergyPricePerKwh;
        double? co2 = book.Co2GramsPerKwh is { } g ? kwh * g : null;
        return new RoundCost(trainCost, evalCost, kwh, energyCost, co2, trainCost + evalCost + energyCost,
            ServingCostPerMillion(book, forwardFlopsPerSample), book.Currency);
    }

    /// <summary>
    /// A million predictions at the serving device's effective throughput: device time times its hourly price,
    /// plus the energy it draws meanwhile. With a production scale, a prediction costs the production model's FLOPs.
    /// </summary>
    public static double ServingCostPerMillion(PriceBook book, double forwardFlopsPerSample)
    {
        double flops = book.Production is { } production ? forwardFlopsPerSample * production.ModelScale : forwardFlopsPerSample;
        double seconds = flops * 1e6 / (book.ServingGflopsPerSecond * 1e9);
        string kind = DeviceKind(book.ServingDevice);
        return seconds / 3600 * HourPrice(book, kind) + seconds * Watts(book, kind) / 3.6e6 * book.EnergyPricePerKwh;
    }

    private static double HourPrice(PriceBook book, string kind) =>
        book.DeviceHourPrice.TryGetValue(kind, out double p) ? p
            : throw new ArgumentException($"prices.deviceHourPrice: no price for device kind '{kind}'; the book has {string.Join(", ", book.DeviceHourPrice.Keys)}");

    private static double Watts(PriceBook book, string kind) => book.PowerDrawWatts.TryGetValue(kind, out double w) ? w : 0;
}
