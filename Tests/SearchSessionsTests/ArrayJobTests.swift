import SearchEngine
import SearchSessions
import Testing

@Suite struct ArrayJobTests {
    @Test func arrayJobsNameTheirShard() throws {
        #expect(try ArrayJob.shard("2/5", environment: [:]) == Shard(index: 2, count: 5))
        #expect(try ArrayJob.shard("auto", environment: ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "8"]) == Shard(index: 3, count: 8))
        #expect(try ArrayJob.shard("auto", environment: ["JOB_COMPLETION_INDEX": "1", "APERY_SHARD_COUNT": "4"]) == Shard(index: 1, count: 4))
        #expect(throws: SearchError.self) { try ArrayJob.shard("auto", environment: [:]) }
    }
}
