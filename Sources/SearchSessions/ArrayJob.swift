import SearchEngine

/// The shard of a cluster array job, from the variables its scheduler sets: Slurm's SLURM_ARRAY_TASK_ID and
/// SLURM_ARRAY_TASK_COUNT (less SLURM_ARRAY_TASK_MIN), or a Kubernetes indexed job's JOB_COMPLETION_INDEX with
/// APERY_SHARD_COUNT.
public enum ArrayJob {
    public static func shard(environment: [String: String]) throws -> Shard {
        if let task = environment["SLURM_ARRAY_TASK_ID"].flatMap(Int.init), let count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap(Int.init) {
            let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap(Int.init) ?? 0
            return try Shard(index: task - minimum, count: count)
        }
        if let task = environment["JOB_COMPLETION_INDEX"].flatMap(Int.init), let count = environment["APERY_SHARD_COUNT"].flatMap(Int.init) {
            return try Shard(index: task, count: count)
        }
        throw SearchError("an array job's shard needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm) or JOB_COMPLETION_INDEX and APERY_SHARD_COUNT (Kubernetes)")
    }

    /// "i/N", or "auto" for the array job's shard.
    public static func shard(_ text: String, environment: [String: String]) throws -> Shard {
        text == "auto" ? try shard(environment: environment) : try Shard(parsing: text)
    }
}
