namespace LiveProfile.Storage.Privacy;

/// <summary>Files only the service user may read: mode 0600 in a 0700 directory (on Unix).</summary>
internal static class PrivateFiles
{
    private const UnixFileMode FileMode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirMode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the directory with mode 0700 if missing; with <paramref name="restrictExisting"/>, also tightens an existing one.</summary>
    public static void EnsureDirectory(string directory, bool restrictExisting)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirMode0700);
        }
        else if (restrictExisting && File.GetUnixFileMode(directory) != DirMode0700)
        {
            File.SetUnixFileMode(directory, DirMode0700);
        }
    }

    /// <summary>
    /// Opens a file for unbuffered read/write, exclusively (FileShare.None takes an advisory lock on
    /// Unix, so a second process cannot open the same store); a created file gets mode 0600.
    /// </summary>
    public static FileStream Open(string path, FileMode mode)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows() && mode is not (FileMode.Open or FileMode.Truncate))
        {
            options.UnixCreateMode = FileMode0600;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(stream.SafeFileHandle) & ~FileMode0600) != 0)
        {
            File.SetUnixFileMode(stream.SafeFileHandle, FileMode0600);
        }

        return stream;
    }
}
