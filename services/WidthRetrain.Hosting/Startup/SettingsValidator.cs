using Microsoft.Extensions.Options;

namespace WidthRetrain.Hosting.Startup;

/// <summary>
/// Validates a settings section with the rules its type states (each problem names the setting and what is allowed),
/// so that start-up reports every broken setting at once instead of the first use failing later.
/// </summary>
public sealed class SettingsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
