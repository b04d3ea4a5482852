#pragma once

// The seeder's vocabulary (catalog_seed.cpp): departments, their categories and the words products are made of.
// Only catalog_seed.cpp includes it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace emporium::app::seed_words {

// ---- Vocabulary ---------------------------------------------------------------------------------------------
// Words a shopper would type: a product is named "<adjective> <material or colour> <noun>", the adjective from
// its department, material and noun from its category. Lists of words are written "a|b|c".

struct Department {
  std::string_view slug;
  std::string_view name;
  std::string_view description;
  std::string_view adjectives;
  std::string_view brands;
  std::string_view extra_attribute;  // one attribute of its own, besides brand, color and material
  std::string_view extra_values;
  std::string_view benefits;  // the middle sentence of a description
};

struct Leaf {
  std::size_t department;
  std::string_view slug;
  std::string_view name;
  std::string_view code;  // starts every SKU
  std::string_view nouns;
  std::string_view materials;
  std::int64_t min_price;  // cents; ends in 99
  std::int64_t max_price;
  std::string_view option;         // what variants differ in: "" (one variant), "color" (kColors) or another
  std::string_view option_values;  // for another option: four, in their natural order
};

inline constexpr std::string_view kColors =
    "Black|White|Grey|Navy|Forest Green|Burgundy|Sand|Sky Blue|Charcoal|Ivory|Olive|Coral";

inline constexpr Department kDepartments[] = {
    {"electronics", "Electronics", "Audio, computers, cameras and a smarter home.",
     "Wireless|Portable|Compact|Smart|Noise-Cancelling|Ultra-Slim|Rechargeable|Professional",
     "Voltra|Sonique|Lumen Labs|Kestrel|Arcwave", "connectivity", "Bluetooth 5.3|USB-C|Wi-Fi|Zigbee",
     "It pairs in seconds and keeps a steady connection across the room.|A low-power chip gives it all-day battery "
     "life.|Firmware updates arrive over the air, so it keeps getting better.|The controls are simple enough to use "
     "without looking."},
    {"home-kitchen", "Home & Kitchen", "Cookware, furniture, bedding and decor for every room.",
     "Classic|Modern|Rustic|Cozy|Handcrafted|Nordic|Elegant|Minimalist",
     "Hearth & Co|Nordhus|Oakline|Casa Verde|Maison Blanc", "room", "Living Room|Bedroom|Kitchen|Office",
     "It is built to last and easy to keep clean.|The timeless design fits any room.|Every piece is finished by hand "
     "in a small workshop.|It arrives ready to use, with no assembly needed."},
    {"clothing", "Clothing", "Clothes, shoes and accessories for every season.",
     "Slim-Fit|Relaxed|Vintage|Everyday|Lightweight|Waterproof|Organic|Tailored",
     "Northline|Fieldhouse|Atelier Nove|Wildcoast|Urbane", "season", "Spring|Summer|Autumn|Winter",
     "The fabric breathes and keeps its shape wash after wash.|Cut for comfort, it layers easily over anything.|"
     "Sustainably sourced fibres make it kinder to the planet.|Reinforced seams stand up to daily wear."},
    {"sports-outdoors", "Sports & Outdoors", "Gear for camping, training, cycling and the water.",
     "Ultralight|Rugged|All-Weather|Performance|Trail|Packable|Heavy-Duty|Breathable",
     "Summit Gear|Trailhawk|Peakform|Riverstone|Alpenglow", "level", "Beginner|Intermediate|Advanced|All Levels",
     "Tested in the field by guides and athletes.|It packs down small and weighs next to nothing.|Weather-sealed "
     "seams keep rain and dust out.|A lifetime warranty covers every stitch."},
    {"beauty-health", "Beauty & Health", "Skincare, hair care, fragrance and wellness.",
     "Hydrating|Gentle|Soothing|Nourishing|Revitalising|Fragrance-Free|Natural|Deluxe",
     "Lumiere|Botanica|Purely|Verde Skin|Aurelia", "skin type", "All|Dry|Oily|Sensitive",
     "Dermatologist tested and suitable for daily use.|Made without parabens or synthetic dyes.|A light texture "
     "absorbs quickly and leaves no residue.|Refillable packaging cuts plastic waste."},
    {"toys-games", "Toys & Games", "Games, puzzles, building sets and soft toys.",
     "Classic|Educational|Magnetic|Colourful|Deluxe|Family|Mini|Giant",
     "Tinkerbox|Playwell|Kiddo|Brightminds|Wonderworks", "age", "3+|6+|8+|12+",
     "Hours of screen-free fun for the whole family.|Rounded edges and non-toxic paint make it safe for little "
     "hands.|It encourages creativity, logic and teamwork.|Clear instructions get everyone playing in minutes."},
    {"garden-diy", "Garden & DIY", "Tools, planters and lights for the garden and the workshop.",
     "Heavy-Duty|Cordless|Ergonomic|Weatherproof|Compact|Professional|Foldable|Solar",
     "Greenthumb|Ironside|Toolcraft|Verdant|Holloway", "power source", "Battery|Corded|Manual|Solar",
     "A cushioned grip keeps hands comfortable through long jobs.|Rust-proof parts shrug off rain and frost.|Spare "
     "parts are sold separately for years of repairs.|It hangs neatly on a wall hook when not in use."},
    {"pet-supplies", "Pet Supplies", "Beds, toys and care for dogs, cats, fish and small pets.",
     "Cozy|Durable|Orthopedic|Washable|Chew-Proof|Calming|Adjustable|Reflective",
     "Pawsome|Furbish|Happy Tails|Whiskerly|Barkley", "pet size", "Small|Medium|Large|All",
     "Vets and trainers helped design it.|Non-toxic materials make it safe to chew and cuddle.|It goes straight into "
     "the washing machine.|Pets settle into it from the very first day."},
};

inline constexpr std::string_view kSizes = "S|M|L|XL";

inline constexpr Leaf kLeaves[] = {
    {0, "audio", "Audio", "AUD", "Headphones|Earbuds|Speaker|Soundbar|Turntable",
     "Aluminium|Bamboo|Walnut|Leather|Graphite", 1999, 49999, "color", ""},
    {0, "computers-tablets", "Computers & Tablets", "CMP", "Laptop|Tablet|Monitor|Keyboard|Mouse",
     "Aluminium|Carbon|Titanium|Magnesium|Graphite", 1999, 249999, "storage", "128 GB|256 GB|512 GB|1 TB"},
    {0, "cameras", "Cameras", "CAM", "Camera|Lens|Tripod|Camera Bag|Action Camera",
     "Magnesium|Carbon Fibre|Aluminium|Leather|Canvas", 2999, 199999, "color", ""},
    {0, "smart-home", "Smart Home", "SMH", "Smart Plug|Video Doorbell|Thermostat|Light Bulb|Security Camera",
     "Glass|Aluminium|Matte|Ceramic|Polycarbonate", 1499, 29999, "", ""},
    {1, "cookware", "Cookware", "CKW", "Frying Pan|Saucepan|Dutch Oven|Wok|Stockpot",
     "Cast Iron|Stainless Steel|Copper|Enamel|Carbon Steel", 1999, 39999, "size", "20 cm|24 cm|28 cm|32 cm"},
    {1, "furniture", "Furniture", "FRN", "Armchair|Bookshelf|Coffee Table|Desk|Bed Frame",
     "Oak|Walnut|Pine|Rattan|Velvet", 7999, 149999, "color", ""},
    {1, "bedding", "Bedding", "BED", "Duvet Cover|Pillow|Sheet Set|Blanket|Quilt", "Linen|Cotton|Bamboo|Wool|Silk",
     1999, 29999, "size", "Single|Double|Queen|King"},
    {1, "home-decor", "Home Decor", "DEC", "Vase|Table Lamp|Wall Mirror|Rug|Candle Holder",
     "Ceramic|Brass|Glass|Jute|Marble", 999, 24999, "", ""},
    {2, "mens-clothing", "Men's Clothing", "MEN", "Shirt|Jacket|Chinos|Sweater|Hoodie",
     "Cotton|Wool|Denim|Linen|Flannel", 2499, 19999, "size", kSizes},
    {2, "womens-clothing", "Women's Clothing", "WMN", "Dress|Blouse|Skirt|Cardigan|Coat",
     "Cotton|Silk|Linen|Cashmere|Viscose", 2499, 24999, "size", "XS|S|M|L"},
    {2, "shoes", "Shoes", "SHO", "Sneakers|Boots|Sandals|Loafers|Running Shoes", "Leather|Suede|Canvas|Mesh|Nubuck",
     3999, 24999, "size", "39|41|43|45"},
    {2, "accessories", "Accessories", "ACC", "Scarf|Belt|Wallet|Hat|Sunglasses", "Leather|Wool|Cotton|Straw|Cashmere",
     999, 14999, "color", ""},
    {3, "camping", "Camping", "CPG", "Tent|Sleeping Bag|Backpack|Lantern|Camp Stove",
     "Nylon|Ripstop|Aluminium|Polyester|Canvas", 1999, 59999, "color", ""},
    {3, "fitness", "Fitness", "FIT", "Yoga Mat|Dumbbell Set|Kettlebell|Resistance Bands|Jump Rope",
     "Cork|Rubber|Neoprene|Steel|Foam", 999, 29999, "weight", "2 kg|4 kg|8 kg|12 kg"},
    {3, "cycling", "Cycling", "CYC", "Bike Helmet|Bike Light|Cycling Jersey|Bike Lock|Saddle",
     "Carbon|Aluminium|Lycra|Steel|Leather", 1499, 39999, "size", kSizes},
    {3, "water-sports", "Water Sports", "WTR", "Paddle Board|Wetsuit|Snorkel Set|Dry Bag|Swim Goggles",
     "Neoprene|Silicone|PVC|Polyester|Bamboo", 1499, 89999, "color", ""},
    {4, "skincare", "Skincare", "SKN", "Face Cream|Serum|Cleanser|Moisturiser|Sunscreen",
     "Aloe|Argan|Rosehip|Hyaluronic|Vitamin C", 899, 8999, "volume", "15 ml|30 ml|50 ml|100 ml"},
    {4, "hair-care", "Hair Care", "HAR", "Shampoo|Conditioner|Hair Oil|Hair Brush|Hair Dryer",
     "Argan|Coconut|Keratin|Tea Tree|Ceramic", 799, 19999, "volume", "100 ml|250 ml|500 ml|1 l"},
    {4, "fragrance", "Fragrance", "FRG", "Eau de Parfum|Cologne|Body Mist|Scented Candle|Diffuser",
     "Lavender|Sandalwood|Citrus|Vanilla|Amber", 1499, 14999, "volume", "30 ml|50 ml|100 ml|200 ml"},
    {4, "wellness", "Wellness", "WEL", "Massage Gun|Foam Roller|Sleep Mask|Heating Pad|Essential Oil",
     "Eucalyptus|Silk|Bamboo|Lavender|Cotton", 999, 24999, "", ""},
    {5, "board-games", "Board Games", "BRD", "Board Game|Card Game|Chess Set|Dice Game|Strategy Game",
     "Wooden|Cardboard|Walnut|Marble|Glass", 999, 7999, "", ""},
    {5, "puzzles", "Puzzles", "PZL", "Jigsaw Puzzle|3D Puzzle|Brain Teaser|Puzzle Box|Floor Puzzle",
     "Wooden|Cardboard|Metal|Foam|Bamboo", 699, 4999, "pieces", "300|500|1000|2000"},
    {5, "building-sets", "Building Sets", "BLD", "Building Set|Marble Run|Construction Kit|Robot Kit|Train Set",
     "Beech|Plastic|Metal|Bamboo|Recycled", 1499, 19999, "", ""},
    {5, "plush-toys", "Plush Toys", "PLS", "Teddy Bear|Plush Bunny|Stuffed Dragon|Plush Whale|Cuddly Fox",
     "Cotton|Fleece|Velvet|Organic Cotton|Faux Fur", 799, 4999, "size", kSizes},
    {6, "garden-tools", "Garden Tools", "GRD", "Pruning Shears|Garden Spade|Rake|Hose Reel|Wheelbarrow",
     "Steel|Ash Wood|Aluminium|Carbon Steel|Fibreglass", 999, 19999, "", ""},
    {6, "planters", "Planters", "PLN", "Planter|Raised Bed|Hanging Basket|Plant Stand|Window Box",
     "Terracotta|Cedar|Ceramic|Zinc|Concrete", 999, 24999, "size", kSizes},
    {6, "power-tools", "Power Tools", "PWR", "Drill|Circular Saw|Sander|Jigsaw|Impact Driver",
     "Steel|Aluminium|Magnesium|Titanium|Composite", 3999, 39999, "", ""},
    {6, "outdoor-lighting", "Outdoor Lighting", "LGT", "String Lights|Lantern|Path Light|Floodlight|Wall Light",
     "Brass|Copper|Steel|Glass|Rattan", 1499, 14999, "color", ""},
    {7, "dog-supplies", "Dog Supplies", "DOG", "Dog Bed|Leash|Collar|Chew Toy|Dog Bowl",
     "Nylon|Leather|Rubber|Canvas|Fleece", 799, 14999, "size", kSizes},
    {7, "cat-supplies", "Cat Supplies", "CAT", "Scratching Post|Cat Tree|Litter Box|Cat Toy|Cat Bed",
     "Sisal|Plush|Bamboo|Felt|Wool", 599, 19999, "color", ""},
    {7, "aquarium", "Aquarium", "AQU", "Aquarium|Filter|Heater|LED Light|Gravel",
     "Glass|Acrylic|Stainless Steel|Quartz|Slate", 999, 39999, "volume", "20 l|60 l|120 l|200 l"},
    {7, "small-animals", "Small Animals", "SML", "Hamster Cage|Rabbit Hutch|Hay Feeder|Play Tunnel|Water Bottle",
     "Pine|Willow|Seagrass|Steel|Hemp", 599, 19999, "", ""},
};

inline constexpr std::string_view kVendorNames =
    "Northwind Traders|Blue Harbor Goods|Copper Kettle Co.|Evergreen Outfitters|Maple & Main|Silverline Supply|"
    "Sunrise Market|Tall Pines Trading|Urban Nest|Wildflower Works";

// Descriptions: an opening, the department's benefit, and sometimes a closing. {…} are the product's words; no
// article stands before one ("a earbuds", "a ultra-slim" would read wrong).
inline constexpr std::string_view kOpenings =
    "The {name} by {brand}: {adjective} design, {material} build, made to last.|"
    "Made from {material}, this {category} favourite from {brand} comes in {color}.|"
    "{brand} designed the {name} to be the last {noun} you will need.|"
    "Meet the {name} from {brand}, finished in {color} with {material} details.";
inline constexpr std::string_view kClosings =
    "Ships free in recyclable packaging.|Backed by a two-year warranty.|Customers rate it highly for quality and "
    "value.|A thoughtful gift for friends and family.|Part of our {category} range.";

// The words of a list ("a|b|c"), and the i-th of them.
inline std::size_t count_words(std::string_view list) { return 1 + std::count(list.begin(), list.end(), '|'); }
inline std::string_view word_at(std::string_view list, std::size_t index) {
  for (; index > 0; --index) list.remove_prefix(list.find('|') + 1);
  return list.substr(0, list.find('|'));
}

}  // namespace emporium::app::seed_words
