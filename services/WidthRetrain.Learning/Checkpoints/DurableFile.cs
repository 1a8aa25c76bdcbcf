using System.Runtime.InteropServices;

namespace WidthRetrain.Learning.Checkpoints;

/// <summary>
/// Writes a file so that a crash leaves either the old file or the whole new one: each writer writes a temporary file
/// of its own (two trainers of the same round never share one), flushes it to disk, renames it over the final name,
/// and flushes the directory so the rename itself survives a power cut.
/// </summary>
public static partial class DurableFile
{
    public static void Write(string path, Action<Stream> write) => Replace(path, temp =>
    {
        using var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
        write(f);
    });

    /// <summary>Runs <paramref name="writeTo"/> on a fresh temporary path next to <paramref name="path"/>, then makes it durable under the final name.</summary>
    public static void Replace(string path, Action<string> writeTo)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            writeTo(temp);
            using (var f = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) f.Flush(flushToDisk: true);
            File.Move(temp, full, overwrite: true);
            FlushDirectory(dir);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void FlushDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = Open(dir, 0x10000 /* O_RDONLY | O_DIRECTORY */);
        if (fd < 0) return;
        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
