/** A point of a numeric series: `x` increasing (e.g. epoch ms), `y` the value. */
export interface SeriesPoint {
  x: number
  y: number
}

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): picks `threshold` points that keep the
 * series' visual shape — first and last always, and in each bucket the point that spans the
 * largest triangle with its neighbours, so peaks and troughs survive. O(n), no allocation per
 * point. A series already within `threshold` (or a threshold under 3) is returned as it is.
 */
export function downsampleLttb<Point extends SeriesPoint>(
  points: readonly Point[],
  threshold: number,
): Point[] {
  const length = points.length
  const target = Math.floor(threshold)
  if (target >= length || target < 3) return points.slice()

  const sampled: Point[] = []
  const bucketSize = (length - 2) / (target - 2)
  let anchorIndex = 0
  sampled.push(points[0] as Point)

  for (let bucket = 0; bucket < target - 2; bucket++) {
    // The average of the next bucket is the triangle's third corner.
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, length)
    let averageX = 0
    let averageY = 0
    for (let index = nextStart; index < nextEnd; index++) {
      const point = points[index] as Point
      averageX += point.x
      averageY += point.y
    }
    const nextCount = nextEnd - nextStart
    averageX /= nextCount
    averageY /= nextCount

    const start = Math.floor(bucket * bucketSize) + 1
    const end = Math.floor((bucket + 1) * bucketSize) + 1
    const anchor = points[anchorIndex] as Point
    let largestArea = -1
    let chosenIndex = start
    for (let index = start; index < end; index++) {
      const point = points[index] as Point
      // Twice the triangle's area; the factor does not change which is largest.
      const area = Math.abs(
        (anchor.x - averageX) * (point.y - anchor.y) - (anchor.x - point.x) * (averageY - anchor.y),
      )
      if (area > largestArea) {
        largestArea = area
        chosenIndex = index
      }
    }
    sampled.push(points[chosenIndex] as Point)
    anchorIndex = chosenIndex
  }

  sampled.push(points[length - 1] as Point)
  return sampled
}
