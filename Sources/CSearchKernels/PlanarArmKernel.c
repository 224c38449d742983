#define _GNU_SOURCE
#include <math.h>
#include "CSearchKernels.h"

void apery_planar_arm(const double *angles, long count, double *x, double *y) {
    double angle = 0, px = 0, py = 0;
    for (long i = 0; i < count; i++) {
        double s, c;
        angle += angles[i];
        sincos(angle, &s, &c);
        px += c;
        py += s;
    }
    *x = px;
    *y = py;
}
