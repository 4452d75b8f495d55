#include "platform/icon.h"

#include <stb_image_write.h>

#include <algorithm>
#include <cmath>

namespace stagecraft::platform {

namespace {

struct Colour {
  float r, g, b, a;
};

// A rounded rectangle in unit coordinates (0..1 across the icon).
struct Box {
  float x0, y0, x1, y1, radius;
  Colour colour;
  bool Contains(float x, float y) const {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const float cx = std::clamp(x, x0 + radius, x1 - radius);
    const float cy = std::clamp(y, y0 + radius, y1 - radius);
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
  }
};

// Back to front: the tile, three lanes (None/Staging, Staging, Production), a faded card where
// the version was, the card where it is now.
const Box kShapes[] = {
    {0.02f, 0.02f, 0.98f, 0.98f, 0.20f, {0.114f, 0.129f, 0.165f, 1}},
    {0.12f, 0.16f, 0.35f, 0.86f, 0.05f, {0.20f, 0.23f, 0.29f, 1}},
    {0.385f, 0.16f, 0.615f, 0.86f, 0.05f, {0.20f, 0.23f, 0.29f, 1}},
    {0.65f, 0.16f, 0.88f, 0.86f, 0.05f, {0.20f, 0.23f, 0.29f, 1}},
    {0.41f, 0.24f, 0.59f, 0.38f, 0.03f, {0.45f, 0.68f, 1.00f, 0.35f}},
    {0.675f, 0.24f, 0.855f, 0.38f, 0.03f, {0.45f, 0.68f, 1.00f, 1}},
    {0.675f, 0.43f, 0.855f, 0.57f, 0.03f, {0.40f, 0.83f, 0.50f, 1}},
};

}  // namespace

std::vector<unsigned char> DrawIcon(int size) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(size) * size * 4, 0);
  constexpr int kSamples = 4;  // 4x4 samples a pixel
  for (int py = 0; py < size; ++py) {
    for (int px = 0; px < size; ++px) {
      float r = 0, g = 0, b = 0, a = 0;
      for (int sy = 0; sy < kSamples; ++sy) {
        for (int sx = 0; sx < kSamples; ++sx) {
          const float x = (px + (sx + 0.5f) / kSamples) / size;
          const float y = (py + (sy + 0.5f) / kSamples) / size;
          Colour c{0, 0, 0, 0};
          for (const Box& shape : kShapes) {
            if (!shape.Contains(x, y)) continue;
            const Colour& s = shape.colour;  // "over", premultiplied as we go
            c = {s.r * s.a + c.r * (1 - s.a), s.g * s.a + c.g * (1 - s.a),
                 s.b * s.a + c.b * (1 - s.a), s.a + c.a * (1 - s.a)};
          }
          r += c.r;
          g += c.g;
          b += c.b;
          a += c.a;
        }
      }
      constexpr float kCount = kSamples * kSamples;
      unsigned char* out = &pixels[(static_cast<std::size_t>(py) * size + px) * 4];
      const float alpha = a / kCount;
      // Back from premultiplied to straight alpha for PNG and GLFW.
      auto channel = [alpha](float v) {
        return static_cast<unsigned char>(
            std::lround(std::clamp(alpha > 0 ? v / kCount / alpha : 0.0f, 0.0f, 1.0f) * 255));
      };
      out[0] = channel(r);
      out[1] = channel(g);
      out[2] = channel(b);
      out[3] = static_cast<unsigned char>(std::lround(alpha * 255));
    }
  }
  return pixels;
}

engine::Status WriteIconPng(const std::string& path, int size) {
  const std::vector<unsigned char> pixels = DrawIcon(size);
  if (stbi_write_png(path.c_str(), size, size, 4, pixels.data(), size * 4) == 0) {
    return engine::Status::Storage("cannot write the icon " + path);
  }
  return engine::Status::Ok();
}

}  // namespace stagecraft::platform
