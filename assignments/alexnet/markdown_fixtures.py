"""Layer sections of alexnet_params fixtures, as students write them: {layer: section markdown}
(None: the section is deleted). Layers a fixture leaves out get the right answers."""

WRITTEN_FORMS_SECTIONS = {
    "Conv_1": """### Layer 1 is a Convolution Layer_1

- **Input Image size**     224 x 224 x 3 -> 227 x 227 x 3<br>(논문 그림은 224지만 227이어야 55가 나옴)

- **Number of filters**   96개

- **Filter size** 11 x 11 x 3

- **Stride**     `4`

- **Layer 1 Output**  (227-11)/4+1 = 55 → 55 X 55 X 96""",
    "Max_pool_1": """### Layer 2 is a Max Pooling_1 Followed by Convolution_1

- **Input**  (55, 55, 96)

- **Max pooling**  겹치는 풀링

- **Pooling size**(overlapping) 3*3

- **Stride** 2

- **Layer 2 Output** 27x27x96 ((55-3)/2+1 = 27)""",
    "Conv_2": """### Layer 3 is a Convolution Layer_2

- **Input**  `27*27*96`

- **Number of filters**  256

- **Filter size**  5x5x48 (GPU 두 개로 나눈 경우)

- **Stride** 1

- **padding** 2 (same)

- **Output** 27 x 27 x 256 <br/> (27+2*2-5)/1+1 = 27""",
    "Max_pool_2": """### Layer 4 / 4층: Max_pool_2

- **Input** 27 x 27 x 256

- **Pooling size** 3

- **Stride** `2`

- **Output** `13 x 13 x 256`""",
    "Conv_3": """### Layer 5 is a Convolution Layer_3

- Input: 13x13x256
- Number of filters: 384
- Filter size: 3x3x256
- Stride: 1
- padding: same
- Output: 13x13x384""",
    "Conv_4": """### Layer 6 is a Convolution Layer_4

- **Input** (13, 13, 384)

- **Number of filters** 384

- **Filter size** 3 x 3 x 192 (two GPUs)

- **Stride** 1

- **padding** 1

- **Output** (384, 13, 13)""",
    "FC1": """### Layer 9 is a Fully_Connected layer_1

- **input** 6 x 6 x 256 = 9216

- **flatten** 6*6*256 = 9216

- **output size** (N, 4096)

- **N** 배치 크기""",
    "FC2": """### Layer 10 is a Fully_Connected layer_2

- **input** (N,4096)

- **output size** (N,4096) x (4096,4096)

- **N** Number of input data""",
    "FC3": """### Layer 11 is a Fully_Connected layer_3

- **input** 4096

- **output size** (N,4096) x (4096,Num_classes)

- **N** Number of input data

- **Num_classes** 1000 (ImageNet)""",
}

WRONG_SECTIONS = {
    "Conv_1": """### Layer 1 is a Convolution Layer_1

- **Input**     `224 x 224 x 3`

- **Number of filters**     `96`

- **Filter size**     `11 x 11`

- **Stride**     `4`

- **Output**     `55 x 55 x 96`""",
    "Conv_2": """### Layer 3 is a Convolution Layer_2

- **Input**     `27 x 27 x 96`

- **Number of filters**     `256`

- **Filter size**     `5 x 5`

- **Stride**     `1`

- **padding**     `0`

- **Output**     `23 x 23 x 256`""",
    "Max_pool_2": """### Layer 4 is a Max Pooling_2

- **Input**     `27 x 27 x 256`

- **Max pooling**     `???`

- **Pooling size**(overlapping)     `3 x 3`

- **Stride**     `2`

- **Output**     `9 x 9 x 256`""",
    "Conv_3": """### Layer 5 is a Convolution Layer_3

- **Input**     `13 x 13 x 256`

- **Number of filters**     `384`

- **Filter size**     `3 x 3`

- **Stride**     `1`

- **padding**     `1`

- **Output**     `13 x 13 x 256`""",
    "FC3": """### Layer 11 is a Fully_Connected layer_3

- **input**     `4096`

- **output size**     `10`

- **N**     `???`

- **Num_classes**     `1000`""",
}

BLANK_SECTIONS = {
    "Max_pool_1": """### Layer 2 is a Max Pooling_1

- **Input**     `???`

- **Max pooling**     `???`

- **Pooling size**(overlapping)     `???`

- **Stride**     `???`

- **Output**     `???`""",
    "Conv_4": None,
    "FC2": """### Layer 10 is a Fully_Connected layer_2

(모르겠습니다)""",
}

TOBIGS_SECTIONS = {
    "Conv_1": """### Layer 1 is a Convolution Layer_1

- **Input Image size**     224 x 224 x 3 -> 227 x 227 x 3

- **Number of filters**   96

- **Filter size** 11 x 11 x 3

- **Stride**     `4`

- **Layer 1 Output**  55 x 55 x 96 (because of stride 4)""",
    "Max_pool_1": """### Layer 2 is a Max Pooling_1 Followed by Convolution_1

- **Input**  55 x 55 x 96

- **Max pooling**  

- **Pooling size**(overlapping) 3 x 3

- **Stride** 2

- **Layer 2 Output** 27 x 27 x 96""",
    "Conv_2": """### Layer 3 is a a Convolution Layer_2

- **Input**  27 x 27 x 96

- **Number of filters**  256

- **Filter size**  5 x 5 x 96 

- **Stride** 1

- **padding** 2

- **Layer 3 Output** 

- **output의 width, height의 크기 : (27+4-5)/1 + 1 = 27**

- **Layer 3 Output Size  27 x 27 x 256(# of filters) **""",
    "Max_pool_2": """### Layer 4 is a Max Pooling_2 Followed by Convolution_2

- **Input**  27 x 27 x 256 (same as Layer 3 Output size)

- **Max pooling**  

- **Pooling size**(overlapping) 3 x 3

- **Stride** 2

- **Layer 4 Output**  13 x 13 x 256""",
    "Conv_3": """### Layer 5 is a a Convolution Layer_3

- **Input**  13 x 13 x 256

- **Number of filters**  384

- **Filter size**  3 x 3 x 256 (same as input's 3rd channel size)

- **Stride** 1

- **padding** 1
- Alex Net 그림에 따르면, 입력층과 출력층의 size가 같으므로, 
- 이 layer에서 input/output의 size가 같게 하려면 padding의 크기가 1이어야 한다
- **Layer 5 Output** 13 x 13 x 384""",
    "Conv_4": """### Layer 6 is  a Convolution Layer_4

- **Input**  13 x 13 x 384

- **Number of filters**  384

- **Filter size**  3 x 3 x 384

- **Stride** 1

- **padding** 1

- **Layer 6 Output** 13 x 13 x 384""",
    "Conv_5": """### Layer 7 is a Convolution Layer_5

- **Input**  13 x 13 x 384

- **Number of filters**  256

- **Filter size**  3 x 3 x 256

- **Stride** 1

- **padding** 1

- **Layer 7 Output** 13 x 13 x 256""",
    "Max_pool_3": """### Layer 8 is a Max Pooling_3 Followed by Convolution_5

- **Input**  13 x 13 x 256

- **Max pooling**  

- **Pooling size**(overlapping) 3 x 3

- **Stride** 2

- **Layer 8 Output** 6 x 6 x256""",
    "FC1": """### Layer 9 is a Fully_Connected layer_1

- **input** 6 x 6 x 256

- **flatten** 9216

- **output size** (N,flatten) x (flatten,4096)

- **N** Number of input data""",
    "FC2": """### Layer 10 is a Fully_Connected layer_2

- **input** (N,4096)

- **output size** (N,4096) x (4096,4096)

- **N** Number of input data""",
    "FC3": """### Layer 11 is a Fully_Connected layer_3

- **input** (N,4096)

- **output size** (N,4096) x (4096,Num_classes)

- **N** Number of input data

- **Num_classes** Number of labels""",
}
