// dlib's own HOG face detector on a list of photos, as face_recognition calls it:
// face_locations(img, number_of_times_to_upsample=1, model="hog"), boxes trimmed to the image.
// Prints one JSON object per photo: {"path", "width", "height", "ms", "faces": [[top, right, bottom, left, score], ...]}.
//   g++ -O3 -march=native -std=c++17 hog_reference.cpp $(pkg-config --cflags --libs dlib-1) -o hog_reference
//   ./hog_reference [--upsample N] PHOTO...
// Built against Debian's libdlib-dev (Boost Software License); only this program's own code is ours.
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_io.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    unsigned long upsample = 1;
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg == "--upsample" && i + 1 < argc) upsample = std::stoul(argv[++i]);
        else paths.push_back(arg);
    }

    dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
    for (const auto& path : paths)
    {
        dlib::array2d<dlib::rgb_pixel> image;
        try { dlib::load_image(image, path); }
        catch (const std::exception& e) { std::printf("{\"path\": \"%s\", \"error\": \"cannot load\"}\n", path.c_str()); continue; }
        const long width = image.nc(), height = image.nr();

        const auto start = std::chrono::steady_clock::now();
        std::vector<dlib::rect_detection> found;
        // face_recognition calls detector(img, upsample): pyramid_up that many times, then detect at threshold 0.
        dlib::array2d<dlib::rgb_pixel> up;
        dlib::assign_image(up, image);
        dlib::pyramid_down<2> pyramid;
        for (unsigned long k = 0; k < upsample; ++k) dlib::pyramid_up(up, pyramid);
        detector(up, found, 0.0);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

        std::printf("{\"path\": \"%s\", \"width\": %ld, \"height\": %ld, \"ms\": %.2f, \"faces\": [", path.c_str(), width, height, ms);
        for (size_t f = 0; f < found.size(); ++f)
        {
            dlib::drectangle r = found[f].rect;
            for (unsigned long k = 0; k < upsample; ++k) r = pyramid.rect_down(r); // back to original pixels
            const dlib::rectangle box(std::lround(r.left()), std::lround(r.top()), std::lround(r.right()), std::lround(r.bottom()));
            // face_recognition's _trim_css_to_bounds
            const long top = std::max(box.top(), 0L), right = std::min(box.right(), width);
            const long bottom = std::min(box.bottom(), height), left = std::max(box.left(), 0L);
            std::printf("%s[%ld, %ld, %ld, %ld, %.4f]", f ? ", " : "", top, right, bottom, left, found[f].detection_confidence);
        }
        std::printf("]}\n");
        std::fflush(stdout);
    }
    return 0;
}
