namespace Pipeline.Tasks.Tests.Support;

/// <summary>A fresh folder under the system temp folder, deleted with the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "pipeline-tasks")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relative, string text)
    {
        var file = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file; the OS cleans temp later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
