// Decodes dlib's frontal face detector (serialized inside dlib/image_processing/frontal_face_detector.h)
// into the plain-text filter file the managed HOG detector reads. dlib's build_fhog_filterbank does the
// decomposition, so the separable row/column filters are exactly the ones dlib's own detector runs.
//   g++ -O2 -std=c++17 export_filters.cpp $(pkg-config --cflags --libs dlib-1) -o export_filters
//   ./export_filters > dlib_frontal_face_filters.txt
// Built against Debian's libdlib-dev (Boost Software License); only this program's own code is ours.
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/revision.h>
#include <cstdio>

static void print_floats(const char* label, const float* values, long count)
{
    std::printf("%s", label);
    for (long i = 0; i < count; ++i) std::printf(" %.9g", values[i]);
    std::printf("\n");
}

int main()
{
    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    const auto& scanner = detector.get_scanner();
    const auto& overlap = detector.get_overlap_tester();

    std::printf("# dlib %d.%d frontal_face_detector: 5 HOG filters (front, left, right, front rotated left, right).\n",
                DLIB_MAJOR_VERSION, DLIB_MINOR_VERSION);
    std::printf("# Weights by Davis E. King, Boost Software License 1.0 (LICENSE-dlib.txt beside this file).\n");
    std::printf("# Regenerate: bash tools/dlib-hog-filters/make_filters.sh\n");
    std::printf("cell_size %d\n", (int)scanner.get_cell_size());
    std::printf("detection_window %lu %lu\n", scanner.get_detection_window_width(), scanner.get_detection_window_height());
    std::printf("fhog_window %lu %lu\n", scanner.get_fhog_window_width(), scanner.get_fhog_window_height());
    std::printf("padding %lu\n", scanner.get_padding());
    std::printf("min_pyramid_layer %lu %lu\n", scanner.get_min_pyramid_layer_width(), scanner.get_min_pyramid_layer_height());
    std::printf("max_pyramid_levels %lu\n", scanner.get_max_pyramid_levels());
    std::printf("overlap %.17g %.17g\n", overlap.get_iou_thresh(), overlap.get_percent_covered_thresh());
    std::printf("detectors %lu\n", detector.num_detectors());

    const long planes = 31;
    for (unsigned long d = 0; d < detector.num_detectors(); ++d)
    {
        const auto& w = detector.get_w(d);
        const auto bank = scanner.build_fhog_filterbank(w);
        std::printf("detector %lu threshold %.17g\n", d, w(scanner.get_num_dimensions()));
        for (long p = 0; p < planes; ++p)
        {
            const dlib::matrix<float>& f = bank.get_filters()[p];
            std::vector<float> full(f.begin(), f.end());
            std::printf("plane %ld rows %ld cols %ld separable %zu\n", p, f.nr(), f.nc(), bank.row_filters[p].size());
            print_floats("full", full.data(), (long)full.size());
            for (size_t k = 0; k < bank.row_filters[p].size(); ++k)
            {
                const auto& row = bank.row_filters[p][k];
                const auto& col = bank.col_filters[p][k];
                std::vector<float> r(row.begin(), row.end()), c(col.begin(), col.end());
                print_floats("row", r.data(), (long)r.size());
                print_floats("col", c.data(), (long)c.size());
            }
        }
    }
    return 0;
}
