using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WidthRetrain.Learning;

/// <summary>
/// Asks libtorch to back its large tensors (2 MiB and up) with transparent huge pages. On this project's VMs a first
/// touch of a 4 KiB page costs tens of microseconds, so every fresh 60 MB task tensor paid about a second in page faults
/// (measured: materialising a rotated Fashion-MNIST sequence of 5 tasks took 1.5 s with small pages, 0.2-0.3 s with huge
/// ones). Values are untouched, so results are the same bit for bit.
/// </summary>
public static partial class HugePages
{
    /// <summary>The variable libtorch's CPU allocator reads, once, at its first allocation.</summary>
    public const string Variable = "THP_MEM_ALLOC_ENABLE";

    /// <summary>
    /// Runs when this assembly loads, before its code allocates a tensor. libtorch reads the native environment, which
    /// .NET's Environment.SetEnvironmentVariable does not change on Linux, hence setenv. An explicit setting wins
    /// (THP_MEM_ALLOC_ENABLE=0 turns it off).
    /// </summary>
#pragma warning disable CA2255 // a module initializer is the one place that runs before any tensor is allocated
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Enable()
    {
        if (OperatingSystem.IsLinux()) _ = SetEnvironment(Variable, "1", overwrite: 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
