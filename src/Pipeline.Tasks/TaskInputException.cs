namespace Pipeline.Tasks;

/// <summary>Task inputs that contradict each other or miss a required value; reported as PIPE0910.</summary>
internal sealed class TaskInputException(string message) : Exception(message);
