namespace Pipeline.Core.Diagnostics;

// 4xxx (4000-4019): eval results, the evidence selection and gates rely on.
public static partial class PipeCodes
{
    public static readonly PipeCode EvalResultInvalid = new(4001, "Eval result is malformed", ExitCodes.BadInput,
        "An eval result is {\"suite\": {\"name\": …, \"fingerprint\": …}, \"evaluated\": <model fingerprint or artifact digest>, \"scores\": {…}}.");
}
