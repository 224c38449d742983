import Clustering
import ConvergenceDynamics
import Dispatch
import Expressions
import Formulas
import Numbers
import Relations
import Testing
import TestSupport

/// Blind-delta clustering (docs/ALGORITHMS.md §5) on a real population: every PCF a = a1 n + a0, b = b2 n^2 + b1 n
/// with a1 in [1, 3], a0, b1 in [-5, 5], b2 in [-2, 2], measured at N = 2000, S = 999 (1,782 PCFs).
@Suite struct FamilyClusteringTests {
    static let measured: [DynamicsRow] = {
        let spec = DynamicsSpec(a: [[-5, 5], [1, 3]], b: [[0, 0], [-5, 5], [-2, 2]])
        let space = spec.space, processor = DynamicsProcessor(spec: spec)
        let halves = [0..<space.count / 2, space.count / 2..<space.count]
        var parts = [[DynamicsRow]](repeating: [], count: 2)
        parts.withUnsafeMutableBufferPointer { out in
            let out = out
            DispatchQueue.concurrentPerform(iterations: 2) { out[$0] = try! processor.process(space, range: halves[$0]) }
        }
        return parts.flatMap { $0 }.filter { m in
            !m.metrics.divergent && m.metrics.convergenceClass != "terminating" && m.metrics.frDelta?.isFinite == true
        }
    }()

    static var points: [MetricPoint] {
        measured.map { MetricPoint(frDelta: $0.metrics.frDelta!, d: $0.metrics.d, c: $0.metrics.c, eta: $0.metrics.eta, gamma: $0.metrics.gamma) }
    }

    static func index(_ a: [Int], _ b: [Int]) -> Int {
        let text = PCF(a: a, b: b).description
        return measured.firstIndex { $0.pcf.description == text }!
    }

    static let piFamily = [index([1, 3], [0, 3, -2]), index([3, 3], [0, 1, -2])]   // (3n+1; -2n^2+3n), (3n+3; -n(2n-1))
    static let brouncker = index([1, 2], [0, 0, 1])                                  // (2n+1; n^2)

    /// The must-hold of the issue, on the plane of the reference's figure (FR delta vs d) and on eta's.
    @Test func piFamilyTogetherAndBrounckerApart() {
        for plane in MetricClustering(planes: [.d, .eta]).cluster(Self.points) {
            let pi = Self.piFamily.map { plane.labels[$0]! }, other = plane.labels[Self.brouncker]!
            #expect(pi[0] >= 0 && pi[0] == pi[1], "\(plane.plane): pi family labels \(pi)")
            #expect(other >= 0 && other != pi[0], "\(plane.plane): Brouncker \(other), pi family \(pi[0])")
            #expect(plane.clusterCount > 2 && plane.clusterCount <= 500)
        }
    }

    /// An anchor from the corpus, its Moebius form read off an identification against pi.
    static func anchor(_ known: Corpus.KnownPCF) throws -> Anchor {
        let pcf = PCF(a: known.a, b: known.b)
        let value = pcf.convergents(depth: 3000).value(precision: bits(forDigits: 200))!
        let found = try Identifier(bases: [[try Expression(parsing: "pi")]], detectionDigits: 50).identify { _ in value }
        #expect(found.first?.closedForm.description == known.limit, "\(known.name): \(found.map(\.closedForm))")
        return Anchor(pcf: pcf, identification: found.first!)!
    }

    /// |x - y| / |y| in decimal digits.
    static func agreement(_ x: BigFloat, _ y: BigFloat) -> Double { (x - y).isZero ? .infinity : y.log10Magnitude - (x - y).log10Magnitude }

    /// The corpus's 2/pi (3n+1; -2n^2+n) anchors the pi family's cluster, 4/pi (2n+1; n^2) Brouncker's; the
    /// degree-2 relations then give the other corpus formulas of the family their known limits, and every closed
    /// form they give agrees with its PCF's limit to 200 digits.
    @Test func anchorsNameClustersAndRelationsGiveKnownLimits() throws {
        let known = try Corpus.knownPCFs()
        let twoOverPi = known.first { $0.a == [1, 3] && $0.b == [0, 1, -2] }!, fourOverPi = known.first { $0.a == [1, 2] && $0.b == [0, 0, 1] }!
        let anchors = [Self.index(twoOverPi.a, twoOverPi.b): try Self.anchor(twoOverPi), Self.brouncker: try Self.anchor(fourOverPi)]
        let planes = MetricClustering(planes: [.d]).cluster(Self.points)
        var labelling = ClusterLabelling(workers: 2)
        labelling.representatives = 0
        let clusters = labelling.label(Self.measured.map(\.pcf), planes: planes, anchors: anchors,
                                       digitsPerTerm: Self.measured.map(\.metrics.digitsPerTerm))
        let piCluster = clusters.first { $0.members.contains(Self.piFamily[0]) }!
        #expect(piCluster.anchor?.closedForm?.description == "2/pi")
        #expect(clusters.first { $0.members.contains(Self.brouncker) }?.anchor?.closedForm?.description == "4/pi")

        // Other corpus formulas of the box in the pi family's cluster: related, with their known limits.
        let inCluster = known.filter { k in
            Self.measured.contains { $0.pcf.description == PCF(a: k.a, b: k.b).description } && piCluster.members.contains(Self.index(k.a, k.b))
                && anchors[Self.index(k.a, k.b)] == nil
        }
        #expect(inCluster.count >= 2, "\(inCluster.map(\.name))")
        for k in inCluster {
            let related = try #require(piCluster.related[Self.index(k.a, k.b)], "\(k.name) not related")
            let precision = bits(forDigits: 120)
            #expect(Self.agreement(try related.closedForm!.evaluate(precision: precision), try Expression(parsing: k.limit).evaluate(precision: precision)) > 100,
                    "\(k.name): \(related.closedForm!)")
        }
        #expect(piCluster.related.count >= 10)
        try Self.checkClosedForms(clusters)
    }

    /// Without anchors, a cluster is named from the constants library. The cluster of (n; n) holds the e^(1/k)
    /// families (kn + j; kn): its fastest members are identified one after the other, and the corpus's
    /// (n + 1; n) gets its known limit 1/(e - 2) through a relation.
    @Test func theLibraryNamesAClusterWithoutAnchors() throws {
        let planes = MetricClustering(planes: [.d]).cluster(Self.points)
        let known = try Corpus.knownPCFs().first { $0.a == [1, 1] && $0.b == [0, 1] }!
        let member = Self.index(known.a, known.b)
        let home = planes[0].labels[member]!
        #expect(home >= 0)
        let only = PlaneClusters(plane: .d, labels: planes[0].labels.map { $0 == home ? home : -1 }, clusterCount: 1,
                                 samples: planes[0].samples, cell: planes[0].cell, skipped: false)
        let clusters = ClusterLabelling(workers: 2).label(Self.measured.map(\.pcf), planes: [only], anchors: [:],
                                                          digitsPerTerm: Self.measured.map(\.metrics.digitsPerTerm))
        let cluster = try #require(clusters.first)
        #expect(cluster.identifiedFromLibrary && cluster.anchor != nil)
        let related = try #require(cluster.related[member], "\(known.name) not related")
        #expect(related.anchor.constants.map(\.description) == ["e"])
        let precision = bits(forDigits: 120)
        #expect(Self.agreement(try related.closedForm!.evaluate(precision: precision), try Expression(parsing: known.limit).evaluate(precision: precision)) > 100)
        #expect(cluster.related.count >= 10)
        try Self.checkClosedForms(clusters)
    }

    /// Every closed form a relation produced agrees with its PCF's limit (depth 4000) to 200 digits.
    static func checkClosedForms(_ clusters: [LabelledCluster]) throws {
        let precision = bits(forDigits: 220)
        for cluster in clusters {
            for formula in cluster.related.values {
                let limit = formula.pcf.convergents(depth: 4000).value(precision: precision)!
                let form = try #require(formula.closedForm)
                #expect(agreement(try form.evaluate(precision: precision), limit) > 200, "\(formula.pcf) = \(form)")
            }
        }
    }
}
